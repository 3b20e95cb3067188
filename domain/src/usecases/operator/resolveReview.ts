import { Effect, Option, Schema } from "effect"
import { InvalidInput } from "../../errors/InputErrors.ts"
import { entitlesLearner } from "../../machines/PaymentMachine.ts"
import { CertificateId, PaymentId } from "../../model/Ids.ts"
import { Certificates } from "../../ports/Certificates.ts"
import { Clock } from "../../ports/Clock.ts"
import { Entitlements } from "../../ports/Entitlements.ts"
import { JobQueue } from "../../ports/JobQueue.ts"
import { ManualReview, ReviewReason } from "../../ports/ManualReview.ts"
import { PaymentGateways } from "../../ports/PaymentGateways.ts"
import { Payments } from "../../ports/Payments.ts"
import { decodeInput } from "../decodeInput.ts"
import { referenceOf } from "../referenceOf.ts"
import { revokeEntitlement } from "../revokeEntitlement.ts"
import { claimOperatorAction, operatorCause, operatorFields, outcomeOf } from "./operatorCommand.ts"

export class ResolveReviewInput extends Schema.Class<ResolveReviewInput>("ResolveReviewInput")({
  ...operatorFields,
  subjectId: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
  reason: ReviewReason,
  decision: Schema.Literals(["resolve", "refund_and_revoke"])
}) {}

/** The payment a review item is about: the item's subject is a payment id or a certificate id. */
const paymentOfSubject = (subjectId: string) =>
  Effect.gen(function* () {
    const asPayment = Schema.decodeUnknownOption(PaymentId)(subjectId)
    if (Option.isSome(asPayment)) {
      const payment = yield* Payments.use((p) => p.find(asPayment.value))
      if (Option.isSome(payment)) return payment.value
    }
    const asCertificate = Schema.decodeUnknownOption(CertificateId)(subjectId)
    if (Option.isNone(asCertificate)) return undefined
    const certificate = yield* Certificates.use((c) => c.find(asCertificate.value))
    if (Option.isNone(certificate)) return undefined
    const entitlement = yield* Entitlements.use((e) => e.find(certificate.value.entitlementId))
    if (Option.isNone(entitlement)) return undefined
    return Option.getOrUndefined(yield* Payments.use((p) => p.find(entitlement.value.paymentId)))
  })

/**
 * Closes a manual-review item with a mandatory reason. "refund_and_revoke" asks the gateway for a full
 * refund (idempotent per payment) and revokes what the payment unlocked; the refund's own webhook is
 * then a recorded no-op for the entitlement. The call's return is not the refund: a ConfirmRefund job
 * asks the gateway until it reports it, so a lost webhook cannot leave the ledger at "succeeded".
 * Of two operators resolving at once, one resolves it.
 */
export const resolveReview = Effect.fn("operator.resolveReview")(function* (raw: unknown) {
  const input = yield* decodeInput(ResolveReviewInput, raw, "review resolution")
  const item = yield* ManualReview.use((r) => r.find(input.subjectId, input.reason))
  if (Option.isNone(item))
    return yield* new InvalidInput({ subject: "subjectId", message: "no such review item" })
  const payment =
    input.decision === "refund_and_revoke" ? yield* paymentOfSubject(input.subjectId) : undefined
  if (input.decision === "refund_and_revoke" && payment === undefined)
    return yield* new InvalidInput({
      subject: "subjectId",
      message: "this review item has no payment to refund"
    })
  const claimed = yield* claimOperatorAction({
    ...input,
    kind: input.decision === "resolve" ? "resolve_review" : "refund_and_revoke",
    subjectType: "review",
    subjectId: input.subjectId,
    details: { decision: input.decision, ...(payment === undefined ? {} : { paymentId: payment.paymentId }) }
  })
  if (payment !== undefined) {
    yield* PaymentGateways.use((g) => g.refund(payment.gateway, referenceOf(payment)))
    yield* JobQueue.use((jobs) => jobs.enqueue({ _tag: "ConfirmRefund", paymentId: payment.paymentId }))
    const entitlement = yield* Entitlements.use((e) =>
      e.findFor(payment.learnerId, payment.courseId, "certificate")
    )
    const others = yield* Payments.use((p) => p.listByIntent(payment.intentId))
    // Another standing payment keeps the learner's access; refunding the duplicate must not revoke it.
    const anotherStands = others.some((p) => p.paymentId !== payment.paymentId && entitlesLearner(p.status))
    if (Option.isSome(entitlement) && !anotherStands)
      yield* revokeEntitlement(
        entitlement.value.entitlementId,
        "operator",
        operatorCause(input.operatorId, input.requestId),
        input.note
      )
  }
  const at = yield* Clock.use((clock) => clock.now)
  const resolved = yield* ManualReview.use((r) =>
    r.resolve(input.subjectId, input.reason, {
      resolution: `${input.decision}: ${input.note}`,
      resolvedBy: input.operatorId,
      at
    })
  )
  return outcomeOf(
    claimed,
    resolved === "resolved" ? "review item resolved" : "review item was already resolved"
  )
})
