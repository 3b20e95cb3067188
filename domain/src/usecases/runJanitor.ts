import { Effect } from "effect"
import { PaymentReference } from "../model/GatewayEvent.ts"
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

/**
 * Asks the gateway about payments stuck in created, pending or failed, on a schedule by age, and parks
 * the ones still unsettled after the last checkpoint for manual review. Each check is claimed with a
 * unique insert, so two janitors never ask twice.
 */
export const runJanitor = Effect.fn("runJanitor")(function* (limit = 200) {
  const now = yield* Clock.use((clock) => clock.now)
  const first = JANITOR_CHECKPOINTS[0]?.ageMillis ?? 5 * minute
  const stuck = yield* Payments.use((p) =>
    p.listByStatus(["created", "pending", "failed"], new Date(now.getTime() - first), limit)
  )
  const checks = yield* JanitorChecks
  const outcomes: Array<string> = []
  for (const payment of stuck) {
    const age = now.getTime() - payment.createdAt.getTime()
    const due = JANITOR_CHECKPOINTS.filter((c) => c.ageMillis <= age).at(-1)
    if (due === undefined || !(yield* checks.claim(payment.paymentId, due.name, now))) continue
    const reference = new PaymentReference({
      paymentId: payment.paymentId,
      ...(payment.checkoutRef === undefined ? {} : { checkoutRef: payment.checkoutRef })
    })
    const snapshots = yield* PaymentGateways.use((g) => g.fetchPayment(payment.gateway, reference)).pipe(
      Effect.catchTag("PaymentUnavailable", () => Effect.succeed([]))
    )
    for (const snapshot of snapshots)
      outcomes.push(`${payment.paymentId}: ${yield* recordPaymentFact(snapshot, janitorActor)}`)
    if (due === JANITOR_CHECKPOINTS.at(-1)) {
      yield* ManualReview.use((review) =>
        review.flag(
          new ReviewItem({
            subjectId: payment.paymentId,
            reason: "stuck_payment",
            details: `still ${payment.status} after ${due.name}; the gateway reported ${snapshots.map((s) => s.status).join(", ") || "nothing"}`,
            flaggedAt: now
          })
        )
      )
      outcomes.push(`${payment.paymentId}: parked for manual review`)
    }
  }
  return outcomes
})
