import { Data, Match, Schema } from "effect"
import { type Decision, move, type StateMachine, type StayReason, stay } from "./Transition.ts"

/** Certificate states carry data: failed attempts while pending, the artifact version once issued. */
export type CertificateState = Data.TaggedEnum<{
  None: Record<never, never>
  Pending: { readonly version: number; readonly attempts: number }
  Issued: { readonly version: number; readonly pngSha256: string; readonly pdfSha256: string }
  Revoked: { readonly version: number }
}>
export const CertificateState = Data.taggedEnum<CertificateState>()

const Sha256Hex = Schema.String.check(
  Schema.isPattern(/^[0-9a-f]{64}$/, { message: "expected a hex SHA-256" })
)

export const CertificateRequested = Schema.TaggedStruct("CertificateRequested", {})
export const CertificateRenderFailed = Schema.TaggedStruct("CertificateRenderFailed", {
  error: Schema.String
})
export const CertificateIssued = Schema.TaggedStruct("CertificateIssued", {
  version: Schema.Int,
  pngSha256: Sha256Hex,
  pdfSha256: Sha256Hex
})
export const CertificateRevoked = Schema.TaggedStruct("CertificateRevoked", { reason: Schema.String })
/** A name correction: the same id gets a new version; the issued one becomes superseded. */
export const CertificateReissueRequested = Schema.TaggedStruct("CertificateReissueRequested", {
  reason: Schema.String
})
/** The entitlement was reinstated: a revoked certificate is rendered again as a new version. */
export const CertificateReinstated = Schema.TaggedStruct("CertificateReinstated", {})
export const CertificateEvent = Schema.Union([
  CertificateRequested,
  CertificateRenderFailed,
  CertificateIssued,
  CertificateRevoked,
  CertificateReissueRequested,
  CertificateReinstated
])
export type CertificateEvent = typeof CertificateEvent.Type

const go = (to: CertificateState): Decision<CertificateState> => move(to)
const hold = (reason: StayReason): Decision<CertificateState> => stay(reason)

export const decideCertificate = (
  state: CertificateState,
  event: CertificateEvent
): Decision<CertificateState> =>
  Match.valueTags(state, {
    None: () =>
      Match.valueTags(event, {
        CertificateRequested: () => go(CertificateState.Pending({ version: 1, attempts: 0 })),
        CertificateRenderFailed: () => hold("not_applicable"),
        CertificateIssued: () => hold("not_applicable"),
        CertificateRevoked: () => hold("not_applicable"),
        CertificateReissueRequested: () => hold("not_applicable"),
        CertificateReinstated: () => hold("not_applicable")
      }),
    Pending: (pending) =>
      Match.valueTags(event, {
        CertificateRequested: () => hold("same_state"),
        CertificateRenderFailed: () =>
          go(CertificateState.Pending({ ...pending, attempts: pending.attempts + 1 })),
        CertificateIssued: (issued) =>
          issued.version === pending.version
            ? go(
                CertificateState.Issued({
                  version: issued.version,
                  pngSha256: issued.pngSha256,
                  pdfSha256: issued.pdfSha256
                })
              )
            : hold("stale"),
        CertificateRevoked: () => go(CertificateState.Revoked({ version: pending.version })),
        CertificateReissueRequested: () => hold("same_state"),
        CertificateReinstated: () => hold("same_state")
      }),
    Issued: (issued) =>
      Match.valueTags(event, {
        CertificateRequested: () => hold("same_state"),
        CertificateRenderFailed: () => hold("stale"),
        CertificateIssued: () => hold("same_state"),
        CertificateRevoked: () => go(CertificateState.Revoked({ version: issued.version })),
        CertificateReissueRequested: () =>
          go(CertificateState.Pending({ version: issued.version + 1, attempts: 0 })),
        CertificateReinstated: () => hold("same_state")
      }),
    Revoked: (revoked) =>
      Match.valueTags(event, {
        CertificateRequested: () => hold("stale"),
        CertificateRenderFailed: () => hold("stale"),
        CertificateIssued: () => hold("stale"),
        CertificateRevoked: () => hold("same_state"),
        CertificateReissueRequested: () => hold("stale"),
        CertificateReinstated: () =>
          go(CertificateState.Pending({ version: revoked.version + 1, attempts: 0 }))
      })
  })

const labels = { None: "none", Pending: "pending", Issued: "issued", Revoked: "revoked" } as const

export const CertificateMachine: StateMachine<CertificateState, CertificateEvent> = {
  subjectType: "certificate",
  initial: CertificateState.None(),
  label: (state) => labels[state._tag],
  decide: decideCertificate
}
