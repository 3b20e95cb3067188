import { PaymentStatus } from "@certify/domain"

// The payment machine's forward order is the order its statuses are declared in (a total order).
const order: ReadonlyArray<PaymentStatus> = PaymentStatus.literals

/**
 * The furthest of the facts a gateway reports about one payment (paid, then refunded, then disputed...).
 * Reporting the furthest is enough: the machine moves there directly, and order never matters.
 */
export const furthestStatus = (facts: ReadonlyArray<PaymentStatus>): PaymentStatus =>
  facts.reduce<PaymentStatus>(
    (best, fact) => (order.indexOf(fact) > order.indexOf(best) ? fact : best),
    "created"
  )
