import { Effect, Option, Schema } from "effect"
import { InvalidInput } from "../../errors/InputErrors.ts"
import { CertificateNotFound } from "../../errors/LedgerErrors.ts"
import { currentState } from "../../ledger/commitTransition.ts"
import { CertificateLedger, transitionCertificate } from "../../ledger/subjects.ts"
import { PrintedName } from "../../model/Catalog.ts"
import { CertificateId } from "../../model/Ids.ts"
import { CertificateCorrections } from "../../ports/CertificateCorrections.ts"
import { Certificates } from "../../ports/Certificates.ts"
import { JobQueue } from "../../ports/JobQueue.ts"
import { decodeInput } from "../decodeInput.ts"
import { claimOperatorAction, operatorCause, operatorFields, outcomeOf } from "./operatorCommand.ts"

export class ReissueCertificateInput extends Schema.Class<ReissueCertificateInput>("ReissueCertificateInput")(
  {
    ...operatorFields,
    certificateId: CertificateId,
    printedName: Schema.optionalKey(PrintedName)
  }
) {}

const upperCaseId = (raw: unknown) =>
  typeof raw === "object" && raw !== null && "certificateId" in raw && typeof raw.certificateId === "string"
    ? { ...raw, certificateId: raw.certificateId.toUpperCase() }
    : raw

/**
 * A name correction or re-render: the same id gets a new version and the issued one becomes
 * superseded. Rendering is the pipeline's IssueCertificate job. A repeat of the request id finds its
 * transition already in the log and does not start a second new version.
 */
export const reissueCertificate = Effect.fn("operator.reissueCertificate")(function* (raw: unknown) {
  const input = yield* decodeInput(ReissueCertificateInput, upperCaseId(raw), "reissue request")
  const certificate = yield* Effect.flatMap(
    Certificates.use((c) => c.find(input.certificateId)),
    Option.match({ onNone: () => Effect.fail(new CertificateNotFound()), onSome: Effect.succeed })
  )
  const { state, history } = yield* currentState(CertificateLedger, certificate.certificateId)
  const alreadyDone = history.some(
    (entry) => entry.cause.kind === "operator_action" && entry.cause.id === input.requestId
  )
  if (state._tag !== "Issued" && !alreadyDone)
    return yield* new InvalidInput({
      subject: "certificateId",
      message: `only an issued certificate can be reissued (this one is ${state._tag.toLowerCase()})`
    })
  const claimed = yield* claimOperatorAction({
    ...input,
    kind: "reissue_certificate",
    subjectType: "certificate",
    subjectId: certificate.certificateId,
    details: input.printedName === undefined ? {} : { printedName: input.printedName }
  })
  if (!alreadyDone) {
    if (input.printedName !== undefined)
      yield* CertificateCorrections.use((c) =>
        c.correctPrintedName(certificate.certificateId, input.printedName as string)
      )
    yield* transitionCertificate(
      certificate.certificateId,
      { _tag: "CertificateReissueRequested", reason: input.note },
      operatorCause(input.operatorId, input.requestId)
    )
  }
  yield* JobQueue.use((jobs) =>
    jobs.enqueue({ _tag: "IssueCertificate", entitlementId: certificate.entitlementId })
  )
  return outcomeOf(claimed, `certificate ${certificate.certificateId} will be rendered as a new version`)
})
