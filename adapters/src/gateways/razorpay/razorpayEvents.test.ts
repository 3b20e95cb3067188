import { GatewayEventId } from "@certify/domain"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  razorpayDispute,
  razorpayEvent,
  razorpayOrder,
  razorpayPayment,
  razorpayRefund
} from "../fixtures/documentedEvents.ts"
import { normalizeRazorpayEvent } from "./razorpayEvents.ts"

const eventId = Schema.decodeUnknownSync(GatewayEventId)("KBEqH2dC1JzYTw")
const payment = razorpayPayment("pay-1")
const refunded = razorpayPayment("pay-1", {
  status: "refunded",
  amount_refunded: 99900,
  refund_status: "full"
})

describe("Razorpay events as the domain's gateway events", () => {
  it.each([
    [
      "payment.authorized",
      { payment: razorpayPayment("pay-1", { status: "authorized", captured: false }) },
      "unknown"
    ],
    ["payment.captured", { payment }, "payment_succeeded"],
    ["order.paid", { payment, order: razorpayOrder("pay-1") }, "payment_succeeded"],
    [
      "payment.failed",
      { payment: razorpayPayment("pay-1", { status: "failed", captured: false }) },
      "payment_failed"
    ],
    ["refund.processed", { refund: razorpayRefund(), payment: refunded }, "payment_refunded"],
    [
      "refund.processed",
      {
        refund: razorpayRefund({ amount: 100 }),
        payment: razorpayPayment("pay-1", { refund_status: "partial", amount_refunded: 100 })
      },
      "payment_partially_refunded"
    ],
    ["payment.dispute.created", { payment, dispute: razorpayDispute() }, "dispute_opened"],
    ["payment.dispute.won", { payment, dispute: razorpayDispute({ status: "won" }) }, "dispute_won"],
    ["payment.dispute.lost", { payment, dispute: razorpayDispute({ status: "lost" }) }, "dispute_lost"],
    ["subscription.charged", { payment }, "unknown"]
  ])("%s → %s", (type, entities, kind) => {
    const event = normalizeRazorpayEvent(eventId, razorpayEvent(type, entities))
    expect(event?.kind).toBe(kind)
    expect(event?.rawPayloadRef).toBe(`razorpay:${eventId}`)
  })

  it("points at our payment (notes), the order and the Razorpay payment, with the amount", () => {
    const event = normalizeRazorpayEvent(eventId, razorpayEvent("payment.captured", { payment }))
    expect(event?.reference).toMatchObject({
      paymentId: "pay-1",
      checkoutRef: "order_DESlLckIVRkHWj",
      gatewayPaymentId: "pay_DESlfW9H8K9uqM"
    })
    expect(event?.amount).toMatchObject({ amount: 99900, currency: "INR" })
    expect(event?.occurredAt).toBeInstanceOf(Date)
  })

  it("reads notes sent as an empty array (Razorpay's shape for no notes)", () => {
    const event = normalizeRazorpayEvent(
      eventId,
      razorpayEvent("payment.captured", { payment: razorpayPayment("x", { notes: [] }) })
    )
    expect(event?.reference.paymentId).toBeUndefined()
    expect(event?.reference.gatewayPaymentId).toBe("pay_DESlfW9H8K9uqM")
  })

  it("a refund event without its payment entity is taken as partial (it revokes nothing)", () => {
    const event = normalizeRazorpayEvent(
      eventId,
      razorpayEvent("refund.processed", { refund: razorpayRefund() })
    )
    expect(event?.kind).toBe("payment_partially_refunded")
    expect(event?.reference.gatewayPaymentId).toBe("pay_DESlfW9H8K9uqM")
  })
})
