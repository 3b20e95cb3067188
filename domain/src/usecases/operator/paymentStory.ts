import { Effect, Option, Schema } from "effect"
import { PaymentNotFound } from "../../errors/LedgerErrors.ts"
import { SubjectRef } from "../../model/AuditEntry.ts"
import { PaymentId } from "../../model/Ids.ts"
import { AuditLog } from "../../ports/AuditLog.ts"
import { Certificates } from "../../ports/Certificates.ts"
import { Entitlements } from "../../ports/Entitlements.ts"
import { JobsAdmin } from "../../ports/JobsAdmin.ts"
import { ManualReview } from "../../ports/ManualReview.ts"
import { OperatorActions } from "../../ports/OperatorActions.ts"
import { OperatorReads } from "../../ports/OperatorReads.ts"
import { Payments } from "../../ports/Payments.ts"
import { referenceOf } from "../referenceOf.ts"

const STORY_LIMIT = 200

/**
 * Everything that happened to one payment and what it unlocked: the audit trails of the payment, its
 * entitlement and certificate (time-ordered), the gateway's events, jobs, reviews and operator actions.
 */
export const paymentStory = Effect.fn("operator.paymentStory")(function* (rawPaymentId: string) {
  const paymentId = yield* Schema.decodeUnknownEffect(PaymentId)(rawPaymentId).pipe(
    Effect.mapError(() => new PaymentNotFound({ reference: rawPaymentId }))
  )
  const payment = yield* Effect.flatMap(
    Payments.use((p) => p.find(paymentId)),
    Option.match({
      onNone: () => Effect.fail(new PaymentNotFound({ reference: rawPaymentId })),
      onSome: Effect.succeed
    })
  )
  const entitlement = Option.getOrUndefined(
    yield* Entitlements.use((e) => e.findFor(payment.learnerId, payment.courseId, "certificate"))
  )
  const certificate =
    entitlement === undefined
      ? undefined
      : Option.getOrUndefined(yield* Certificates.use((c) => c.findByEntitlement(entitlement.entitlementId)))
  const subjects = [
    new SubjectRef({ type: "payment", id: paymentId }),
    ...(entitlement === undefined
      ? []
      : [new SubjectRef({ type: "entitlement", id: entitlement.entitlementId })]),
    ...(certificate === undefined
      ? []
      : [new SubjectRef({ type: "certificate", id: certificate.certificateId })])
  ]
  const audit = (yield* Effect.forEach(subjects, (s) => AuditLog.use((log) => log.history(s))))
    .flat()
    .sort((a, b) => a.at.getTime() - b.at.getTime())
  const reference = referenceOf(payment)
  const inbox = yield* OperatorReads.use((r) => r.inboxEventsFor(payment.gateway, reference, STORY_LIMIT))
  const subjectIds = subjects.map((s) => s.id)
  const jobs = (yield* Effect.forEach(subjectIds, (id) =>
    JobsAdmin.use((j) => j.forSubject(id, STORY_LIMIT))
  )).flat()
  const reviews = (yield* Effect.forEach(subjectIds, (id) =>
    ManualReview.use((r) => r.listForSubject(id))
  )).flat()
  const actions = (yield* Effect.forEach(subjectIds, (id) =>
    OperatorActions.use((a) => a.listForSubject(id, STORY_LIMIT))
  ))
    .flat()
    .sort((a, b) => a.at.getTime() - b.at.getTime())
  return { payment, entitlement, certificate, audit, inbox, jobs, reviews, actions }
})
