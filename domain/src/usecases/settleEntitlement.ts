import { Effect, Option } from "effect"
import { PaymentNotFound, TransitionContention } from "../errors/LedgerErrors.ts"
import { currentState } from "../ledger/commitTransition.ts"
import { EntitlementLedger, PaymentLedger, type TransitionCause } from "../ledger/subjects.ts"
import { entitlesLearner, revokesEntitlement } from "../machines/PaymentMachine.ts"
import type { PaymentId } from "../model/Ids.ts"
import { Clock } from "../ports/Clock.ts"
import { Entitlements } from "../ports/Entitlements.ts"
import { ManualReview, ReviewItem } from "../ports/ManualReview.ts"
import { Payments } from "../ports/Payments.ts"
import { grantEntitlement } from "./grantEntitlement.ts"
import { reinstateEntitlement } from "./reinstateEntitlement.ts"
import { revokeEntitlement } from "./revokeEntitlement.ts"

/**
 * Brings the entitlement in line with *all* payments of the purchase, read from their logs: the
 * learner has access while any of them stands paid. So the outcome depends on the payments' final
 * states, never on the order their events arrived in. Runs even when no payment changed, which
 * completes work a crash interrupted. A second standing payment is flagged for a refund.
 */
export const settleEntitlement = Effect.fn("settleEntitlement")(function* (
  paymentId: PaymentId,
  by: TransitionCause
) {
  // Act, then re-read: a payment that moved while we acted is settled again. Whichever processor
  // acts last re-reads after every append before it, so the final decision sees the final states.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = yield* standingPayments(paymentId)
    const outcome = yield* settleOnce(before, by).pipe(
      Effect.catchTag("PaymentNotSucceeded", () => Effect.succeed("payment moved on"))
    )
    const after = yield* standingPayments(paymentId)
    if (after.standing.join() === before.standing.join()) return outcome
  }
  return yield* new TransitionContention({ subjectId: paymentId })
})

const MAX_ROUNDS = 8

const standingPayments = Effect.fnUntraced(function* (paymentId: PaymentId) {
  const payments = yield* Payments
  const payment = yield* Effect.flatMap(
    payments.find(paymentId),
    Option.match({
      onNone: () => Effect.fail(new PaymentNotFound({ reference: paymentId })),
      onSome: Effect.succeed
    })
  )
  const siblings = yield* payments.listByIntent(payment.intentId)
  const states = yield* Effect.forEach(siblings, (p) =>
    Effect.map(currentState(PaymentLedger, p.paymentId), ({ state }) => ({ paymentId: p.paymentId, state }))
  )
  return { payment, states, standing: states.filter((p) => entitlesLearner(p.state)).map((p) => p.paymentId) }
})

const settleOnce = Effect.fnUntraced(function* (
  { payment, states, standing }: Effect.Success<ReturnType<typeof standingPayments>>,
  by: TransitionCause
) {
  const existing = yield* Entitlements.use((e) =>
    e.findFor(payment.learnerId, payment.courseId, "certificate")
  )

  if (standing.length === 0) {
    if (Option.isNone(existing) || !states.some((p) => revokesEntitlement(p.state)))
      return "no standing payment"
    const reason = states.some((p) => p.state === "dispute_lost") ? "dispute_lost" : "refund"
    return yield* revokeEntitlement(existing.value.entitlementId, reason, by)
  }

  const keeper =
    Option.isSome(existing) && standing.includes(existing.value.paymentId)
      ? existing.value.paymentId
      : standing[0]
  if (keeper === undefined) return "no standing payment"
  yield* Effect.forEach(
    standing.filter((id) => id !== keeper),
    (duplicate) => flagDuplicate(duplicate, keeper),
    { discard: true }
  )
  if (Option.isSome(existing)) {
    const { state, history } = yield* currentState(EntitlementLedger, existing.value.entitlementId)
    const revocation = history.at(-1)?.event
    if (
      state === "revoked" &&
      revocation?._tag === "EntitlementRevoked" &&
      revocation.reason === "operator"
    ) {
      // An operator's revocation is a decision a payment must not undo.
      yield* flagDuplicate(keeper, existing.value.paymentId)
      return "revoked by operator: payment flagged"
    }
    if (state === "revoked") return yield* reinstateEntitlement(existing.value.entitlementId, keeper, by)
  }
  yield* grantEntitlement(keeper, by)
  return "granted"
})

const flagDuplicate = (duplicate: PaymentId, keeper: PaymentId) =>
  Effect.flatMap(
    Clock.use((clock) => clock.now),
    (now) =>
      ManualReview.use((review) =>
        review.flag(
          new ReviewItem({
            subjectId: duplicate,
            reason: "duplicate_payment",
            details: `the learner already has access through payment ${keeper}; refund this one`,
            flaggedAt: now
          })
        )
      )
  )
