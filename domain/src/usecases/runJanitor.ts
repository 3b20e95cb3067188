import { Effect } from "effect"
import { PaymentReference } from "../model/GatewayEvent.ts"
import type { Payment } from "../model/Payment.ts"
import { Clock } from "../ports/Clock.ts"
import { JanitorChecks } from "../ports/JanitorChecks.ts"
import { ManualReview, ReviewItem } from "../ports/ManualReview.ts"
import { PaymentGateways } from "../ports/PaymentGateways.ts"
import { Payments } from "../ports/Payments.ts"
import { janitorActor, recordPaymentFact } from "./recordPaymentFact.ts"

const minute = 60_000
const day = 24 * 60 * minute
/** When a payment still not settled is asked about again, by its age; after the last, a person decides. */
export const JANITOR_CHECKPOINTS: ReadonlyArray<{ readonly name: string; readonly ageMillis: number }> = [
  { name: "5m", ageMillis: 5 * minute },
  { name: "1h", ageMillis: 60 * minute },
  ...[1, 2, 3, 4, 5].map((n) => ({ name: `${n}d`, ageMillis: n * day }))
]

const STUCK_STATUSES = ["created", "pending", "failed"] as const

/** The checkpoint a payment of this age is due at: the latest one it has reached. */
const dueCheckpoint = (ageMillis: number) =>
  JANITOR_CHECKPOINTS.filter((c) => c.ageMillis <= ageMillis).at(-1)

/**
 * Asks the gateway about payments stuck in created, pending or failed, on a schedule by age, and parks
 * the ones still unsettled after the last checkpoint for manual review. Each check is claimed with a
 * unique insert, so two janitors never ask twice.
 *
 * Each checkpoint reads only payments created after its cursor (the newest creation time it has already
 * looked at), oldest first, `limit` at a time. So payments already checked at a checkpoint, and parked
 * ones, are not read again and can never fill the page ahead of payments that are now due.
 */
export const runJanitor = Effect.fn("runJanitor")(function* (limit = 200) {
  const now = yield* Clock.use((clock) => clock.now)
  const checks = yield* JanitorChecks
  const outcomes: Array<string> = []
  for (const checkpoint of JANITOR_CHECKPOINTS) {
    const reachedBy = new Date(now.getTime() - checkpoint.ageMillis)
    const after = yield* checks.cursor(checkpoint.name)
    // One row more than is processed shows whether the page ends inside a run of equal creation times.
    const rows = yield* Payments.use((p) => p.listByStatus(STUCK_STATUSES, reachedBy, limit + 1, after))
    const page = rows.slice(0, limit)
    for (const payment of page) {
      // Past a later checkpoint already (the janitor was away): that checkpoint's own pass asks once.
      if (dueCheckpoint(now.getTime() - payment.createdAt.getTime()) !== checkpoint) continue
      if (!(yield* checks.claim(payment.paymentId, checkpoint.name, now))) continue
      outcomes.push(...(yield* followUp(payment, checkpoint.name, now)))
    }
    yield* checks.advance(checkpoint.name, nextCursor(page, rows[limit], reachedBy, after))
  }
  return outcomes
})

/**
 * No row beyond the page means everything up to `reachedBy` was seen. Otherwise the cursor moves to the
 * page's last creation time, or just before it when the next row shares it (so that row is read again;
 * claims make the re-read harmless) — unless that would not move the cursor at all.
 */
const nextCursor = (
  page: ReadonlyArray<Payment>,
  beyond: Payment | undefined,
  reachedBy: Date,
  after: Date | undefined
): Date => {
  const last = page.at(-1)
  if (beyond === undefined || last === undefined) return reachedBy
  if (beyond.createdAt > last.createdAt) return last.createdAt
  const justBefore = new Date(last.createdAt.getTime() - 1)
  return after !== undefined && justBefore <= after ? last.createdAt : justBefore
}

const followUp = (payment: Payment, checkpointName: string, now: Date) =>
  Effect.gen(function* () {
    const outcomes: Array<string> = []
    const reference = new PaymentReference({
      paymentId: payment.paymentId,
      ...(payment.checkoutRef === undefined ? {} : { checkoutRef: payment.checkoutRef })
    })
    const snapshots = yield* PaymentGateways.use((g) => g.fetchPayment(payment.gateway, reference)).pipe(
      Effect.catchTag("PaymentUnavailable", () => Effect.succeed([]))
    )
    for (const snapshot of snapshots)
      outcomes.push(`${payment.paymentId}: ${yield* recordPaymentFact(snapshot, janitorActor)}`)
    if (checkpointName === JANITOR_CHECKPOINTS.at(-1)?.name) {
      yield* ManualReview.use((review) =>
        review.flag(
          new ReviewItem({
            subjectId: payment.paymentId,
            reason: "stuck_payment",
            details: `still ${payment.status} after ${checkpointName}; the gateway reported ${snapshots.map((s) => s.status).join(", ") || "nothing"}`,
            flaggedAt: now
          })
        )
      )
      outcomes.push(`${payment.paymentId}: parked for manual review`)
    }
    return outcomes
  })
