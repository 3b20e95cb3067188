import { GatewayPaymentSnapshot, type PaymentStatus } from "@certify/domain"
import { furthestStatus } from "../shared/paymentStatusOrder.ts"
import { isRecord, moneyFrom, paymentIdFrom } from "../shared/values.ts"

/** Razorpay sends `notes: []` when there are none. */
export const notesOf = (entity: Record<string, unknown>): Record<string, unknown> =>
  isRecord(entity.notes) ? entity.notes : {}

/**
 * A Razorpay payment entity's facts. `authorized` is not money yet (it is captured, or auto-refunded
 * after days), so it counts as pending; `captured` is paid; `refund_status` tells full from partial.
 */
export const razorpayPaymentFacts = (payment: Record<string, unknown>): Array<PaymentStatus> => {
  const facts: Array<PaymentStatus> = ["pending"]
  if (payment.status === "failed") facts.push("failed")
  if (payment.status === "captured" || payment.captured === true) facts.push("succeeded")
  if (payment.status === "refunded" || payment.refund_status === "full") facts.push("refunded")
  else if (payment.refund_status === "partial") facts.push("partially_refunded")
  return facts
}

export const razorpayPaymentSnapshot = (
  payment: Record<string, unknown>,
  observedAt: Date,
  orderNotes: Record<string, unknown> = {}
): GatewayPaymentSnapshot | undefined => {
  const amount = moneyFrom(payment.amount, payment.currency)
  if (amount === undefined || typeof payment.id !== "string") return undefined
  // Checkout copies its `notes` onto the payment; the order's notes are the fallback.
  const paymentId = paymentIdFrom(notesOf(payment).payment_id ?? orderNotes.payment_id)
  return new GatewayPaymentSnapshot({
    gateway: "razorpay",
    ...(paymentId === undefined ? {} : { paymentId }),
    ...(typeof payment.order_id === "string" ? { checkoutRef: payment.order_id } : {}),
    gatewayPaymentId: payment.id,
    status: furthestStatus(razorpayPaymentFacts(payment)),
    amount,
    observedAt
  })
}
