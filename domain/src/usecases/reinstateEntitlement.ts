import { Effect, Option } from "effect"
import { type TransitionCause, transitionCertificate, transitionEntitlement } from "../ledger/subjects.ts"
import type { EntitlementId, PaymentId } from "../model/Ids.ts"
import { Certificates } from "../ports/Certificates.ts"
import { JobQueue } from "../ports/JobQueue.ts"

/** Turns a refund-revoked entitlement back on because another payment for it still stands. */
export const reinstateEntitlement = Effect.fn("reinstateEntitlement")(function* (
  entitlementId: EntitlementId,
  paymentId: PaymentId,
  by: TransitionCause
) {
  yield* transitionEntitlement(entitlementId, { _tag: "EntitlementReinstated", paymentId }, by)
  const certificate = yield* Certificates.use((c) => c.findByEntitlement(entitlementId))
  if (Option.isSome(certificate)) {
    yield* transitionCertificate(certificate.value.certificateId, { _tag: "CertificateReinstated" }, by)
    yield* JobQueue.use((jobs) => jobs.enqueue({ _tag: "IssueCertificate", entitlementId }))
  }
  return "reinstated"
})
