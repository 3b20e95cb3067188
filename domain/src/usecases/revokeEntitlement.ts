import { Effect, Option } from "effect"
import { currentState } from "../ledger/commitTransition.ts"
import {
  CertificateLedger,
  type TransitionCause,
  transitionCertificate,
  transitionEntitlement
} from "../ledger/subjects.ts"
import type { RevocationReason } from "../machines/EntitlementMachine.ts"
import type { EntitlementId } from "../model/Ids.ts"
import { Certificates } from "../ports/Certificates.ts"

/** Revokes an entitlement and its certificate, which stays on record marked revoked. */
export const revokeEntitlement = Effect.fn("revokeEntitlement")(function* (
  entitlementId: EntitlementId,
  reason: RevocationReason,
  by: TransitionCause,
  note?: string
) {
  yield* transitionEntitlement(
    entitlementId,
    note === undefined
      ? { _tag: "EntitlementRevoked", reason }
      : { _tag: "EntitlementRevoked", reason, note },
    by
  )
  const certificate = yield* Certificates.use((c) => c.findByEntitlement(entitlementId))
  if (Option.isSome(certificate)) {
    const certificateId = certificate.value.certificateId
    // A crash between the certificate's creation and its request leaves its log empty, where a revocation
    // does not apply: complete the request first, so that the certificate ends revoked, not pending.
    const { state } = yield* currentState(CertificateLedger, certificateId)
    if (state._tag === "None")
      yield* transitionCertificate(certificateId, { _tag: "CertificateRequested" }, by)
    yield* transitionCertificate(certificateId, { _tag: "CertificateRevoked", reason }, by)
  }
  return "revoked"
})
