import { GatewayEventInbox, JANITOR_CHECKPOINTS, ManualReview, type PaymentStatus } from "@certify/domain"
import { Effect } from "effect"
import type { LedgerView } from "../ledgerView.ts"
import type { World } from "../World.ts"

const unsettled = new Set<PaymentStatus>(["created", "pending", "failed"])

/**
 * (6) Nothing unsettled unless the janitor will still look at it or a person will; and the ledger
 * ends where the gateway is, with every inbox event processed and no job lost.
 */
export const checkSettlement = (
  world: World,
  view: LedgerView,
  fail: (invariant: number, message: string) => void
) =>
  Effect.gen(function* () {
    const review = yield* ManualReview
    const inbox = yield* GatewayEventInbox
    const paymentById = new Map(view.payments.map((p) => [p.payment.paymentId as string, p]))
    for (const { payment, log } of view.payments) {
      if (!unsettled.has(log.state)) continue
      const age = world.clock.millis - payment.createdAt.getTime()
      const scheduled = JANITOR_CHECKPOINTS.some((c) => c.ageMillis > age) && unsettled.has(payment.status)
      if (!scheduled && !(yield* review.isFlagged(payment.paymentId)))
        fail(6, `${payment.paymentId} left ${log.state}, neither scheduled nor in review`)
    }

    // Convergence: the ledger ends where the gateway is, unless the difference is under review.
    for (const atGateway of world.gateways.payments) {
      const ledger = paymentById.get(atGateway.paymentId)
      if (ledger === undefined) {
        fail(6, `${atGateway.paymentId} exists at the gateway, not in the ledger`)
        continue
      }
      const agrees =
        ledger.log.state === atGateway.status ||
        (atGateway.status === "pending" && ledger.log.state === "created")
      if (!agrees && !(yield* review.isFlagged(atGateway.paymentId)))
        fail(6, `${atGateway.paymentId}: gateway ${atGateway.status}, ledger ${ledger.log.state}`)
    }
    const unprocessed = (yield* inbox.listUnprocessed(new Date(8.64e15), 10_000)).filter((r) =>
      r.eventId.includes(world.prefix)
    )
    if (unprocessed.length > 0)
      fail(6, `inbox events never processed: ${unprocessed.map((r) => r.eventId).join(", ")}`)
    // Dead letters from the faulty phase were retried by "an operator" at healing; these died without faults.
    for (const dead of world.scheduler.dead)
      if (dead.job._tag !== "ProcessGatewayEvent") fail(6, `job dead-lettered after recovery: ${dead.key}`)
  })
