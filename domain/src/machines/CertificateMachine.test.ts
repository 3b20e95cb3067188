import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { certificateEvent, PROPERTY_RUNS } from "../testing/arbitraries.ts"
import { CertificateMachine, CertificateState } from "./CertificateMachine.ts"
import { replay } from "./Transition.ts"

describe("certificate state machine", () => {
  it("pending counts failed attempts, then issues the pending version", () => {
    const state = replay(CertificateMachine, [
      { _tag: "CertificateRequested" },
      { _tag: "CertificateRenderFailed", error: "renderer down" },
      { _tag: "CertificateRenderFailed", error: "renderer down" }
    ])
    expect(state).toEqual(CertificateState.Pending({ version: 1, attempts: 2 }))
    const issued = replay(CertificateMachine, [
      { _tag: "CertificateRequested" },
      { _tag: "CertificateIssued", version: 1, pngSha256: "a".repeat(64), pdfSha256: "b".repeat(64) }
    ])
    expect(issued._tag).toBe("Issued")
  })

  it("a reissue keeps the id and renders a new version", () => {
    const state = replay(CertificateMachine, [
      { _tag: "CertificateRequested" },
      { _tag: "CertificateIssued", version: 1, pngSha256: "a".repeat(64), pdfSha256: "a".repeat(64) },
      { _tag: "CertificateReissueRequested", reason: "name corrected" }
    ])
    expect(state).toEqual(CertificateState.Pending({ version: 2, attempts: 0 }))
  })

  it("nothing is deleted, and a revocation stands unless the entitlement is reinstated", () => {
    fc.assert(
      fc.property(fc.array(certificateEvent, { maxLength: 10 }), (events) => {
        const state = replay(CertificateMachine, events)
        const requested = events.some((e) => e._tag === "CertificateRequested")
        expect(state._tag === "None").toBe(!requested)
        const firstRevoke = events.findIndex((e) => e._tag === "CertificateRevoked")
        const requestIndex = events.findIndex((e) => e._tag === "CertificateRequested")
        const reinstated = events.slice(firstRevoke).some((e) => e._tag === "CertificateReinstated")
        if (requested && firstRevoke > requestIndex && !reinstated) expect(state._tag).toBe("Revoked")
      }),
      { numRuns: PROPERTY_RUNS }
    )
  })
})
