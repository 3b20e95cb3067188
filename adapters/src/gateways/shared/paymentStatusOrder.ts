import type { PaymentStatus } from "@certify/domain"

// The payment machine's forward order: each state may move to every state after it.
const order: ReadonlyArray<PaymentStatus> = [
  "created",
  "pending",
  "failed",
  "expired",
  "succeeded",
  "partially_refunded",
  "disputed",
  "dispute_won",
  "refunded",
  "dispute_lost"
]

/**
 * The furthest of the facts a gateway reports about one payment (paid, then refunded, then disputed...).
 * Reporting the furthest is enough: the machine moves there directly, and order never matters.
 */
export const furthestStatus = (facts: ReadonlyArray<PaymentStatus>): PaymentStatus =>
  facts.reduce<PaymentStatus>(
    (best, fact) => (order.indexOf(fact) > order.indexOf(best) ? fact : best),
    "created"
  )
