import { Effect, Option, Schema } from "effect"
import { CertificateNotFound } from "../../errors/LedgerErrors.ts"
import { transitionCertificate } from "../../ledger/subjects.ts"
import { CertificateId } from "../../model/Ids.ts"
import { Certificates } from "../../ports/Certificates.ts"
import { decodeInput } from "../decodeInput.ts"
import { revokeEntitlement } from "../revokeEntitlement.ts"
import { claimOperatorAction, operatorCause, operatorFields, outcomeOf } from "./operatorCommand.ts"

export class RevokeCertificateInput extends Schema.Class<RevokeCertificateInput>("RevokeCertificateInput")({
  ...operatorFields,
  certificateId: CertificateId
}) {}

/**
 * An operator revokes a certificate (fraud, a mistaken issue): the entitlement is revoked with it, the
 * certificate stays on record marked revoked. Revoking twice changes nothing.
 */
export const revokeCertificate = Effect.fn("operator.revokeCertificate")(function* (raw: unknown) {
  const input = yield* decodeInput(
    RevokeCertificateInput,
    typeof raw === "object" && raw !== null && "certificateId" in raw && typeof raw.certificateId === "string"
      ? { ...raw, certificateId: raw.certificateId.toUpperCase() }
      : raw,
    "revoke request"
  )
  const certificate = yield* Effect.flatMap(
    Certificates.use((c) => c.find(input.certificateId)),
    Option.match({ onNone: () => Effect.fail(new CertificateNotFound()), onSome: Effect.succeed })
  )
  const claimed = yield* claimOperatorAction({
    ...input,
    kind: "revoke_certificate",
    subjectType: "certificate",
    subjectId: input.certificateId
  })
  const by = operatorCause(input.operatorId, input.requestId)
  yield* revokeEntitlement(certificate.entitlementId, "operator", by, input.note)
  // The certificate follows its entitlement; this also covers one whose entitlement was already revoked.
  yield* transitionCertificate(
    certificate.certificateId,
    { _tag: "CertificateRevoked", reason: input.note },
    by
  )
  return outcomeOf(claimed, `certificate ${certificate.certificateId} revoked`)
})
