import { Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { PaymentId } from "../model/Ids.ts"
import { entitlementEvent, PROPERTY_RUNS } from "../testing/arbitraries.ts"
import { EntitlementMachine } from "./EntitlementMachine.ts"
import { replay } from "./Transition.ts"

const paymentId = Schema.decodeUnknownSync(PaymentId)("int_1_stripe_1")

describe("entitlement state machine", () => {
  it("is granted only by a grant or a reinstatement after a revocation", () => {
    fc.assert(
      fc.property(fc.array(entitlementEvent(paymentId), { maxLength: 8 }), (events) => {
        const state = replay(EntitlementMachine, events)
        const firstRevoke = events.findIndex((e) => e._tag === "EntitlementRevoked")
        const grantedEarly = events.some(
          (e, i) => e._tag === "EntitlementGranted" && (firstRevoke < 0 || i < firstRevoke)
        )
        const reinstatedLater =
          firstRevoke >= 0 && events.slice(firstRevoke).some((e) => e._tag === "EntitlementReinstated")
        if (state === "granted") expect(grantedEarly || reinstatedLater).toBe(true)
        if (state === "none") expect(events.every((e) => e._tag === "EntitlementReinstated")).toBe(true)
        if (state === "revoked") expect(events.some((e) => e._tag === "EntitlementRevoked")).toBe(true)
      }),
      { numRuns: PROPERTY_RUNS }
    )
  })

  it("applying any sequence twice equals applying it once", () => {
    fc.assert(
      fc.property(fc.array(entitlementEvent(paymentId), { maxLength: 8 }), (events) => {
        expect(replay(EntitlementMachine, [...events, ...events])).toBe(replay(EntitlementMachine, events))
      }),
      { numRuns: PROPERTY_RUNS }
    )
  })
})
