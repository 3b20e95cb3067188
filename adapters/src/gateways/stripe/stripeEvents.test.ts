import { GatewayEventId } from "@certify/domain"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  stripeCharge,
  stripeDispute,
  stripeEvent,
  stripePaymentIntent,
  stripeSession
} from "../fixtures/documentedEvents.ts"
import { normalizeStripeEvent } from "./stripeEvents.ts"

const eventId = Schema.decodeUnknownSync(GatewayEventId)("evt_1NG8Du2eZvKYlo2CUI79vXWy")
const normalize = (type: string, object: Record<string, unknown>) =>
  normalizeStripeEvent(eventId, stripeEvent(type, object))

describe("Stripe events as the domain's gateway events", () => {
  it.each([
    ["checkout.session.completed", stripeSession("pay-1"), "payment_succeeded"],
    ["checkout.session.completed", stripeSession("pay-1", { payment_status: "unpaid" }), "unknown"],
    ["checkout.session.async_payment_succeeded", stripeSession("pay-1"), "payment_succeeded"],
    [
      "checkout.session.async_payment_failed",
      stripeSession("pay-1", { payment_status: "unpaid" }),
      "payment_failed"
    ],
    [
      "checkout.session.expired",
      stripeSession("pay-1", { status: "expired", payment_status: "unpaid" }),
      "checkout_expired"
    ],
    ["payment_intent.payment_failed", stripePaymentIntent("pay-1"), "payment_failed"],
    [
      "payment_intent.succeeded",
      stripePaymentIntent("pay-1", { status: "succeeded", amount_received: 4900 }),
      "payment_succeeded"
    ],
    ["charge.refunded", stripeCharge(), "payment_refunded"],
    [
      "charge.refunded",
      stripeCharge({ refunded: false, amount_refunded: 900 }),
      "payment_partially_refunded"
    ],
    ["charge.dispute.created", stripeDispute(), "dispute_opened"],
    ["charge.dispute.closed", stripeDispute({ status: "won" }), "dispute_won"],
    ["charge.dispute.closed", stripeDispute({ status: "lost" }), "dispute_lost"],
    ["customer.created", { id: "cus_NffrFeUfNV2Hib", object: "customer" }, "unknown"]
  ])("%s → %s", (type, object, kind) => {
    const event = normalize(type, object)
    expect(event?.kind).toBe(kind)
    expect(event?.gatewayType).toBe(type)
    expect(event?.rawPayloadRef).toBe(`stripe:${eventId}`)
  })

  it("points a session event at our payment, the session and the payment intent, with the amount", () => {
    const event = normalize("checkout.session.completed", stripeSession("pay-1"))
    expect(event?.reference).toMatchObject({
      paymentId: "pay-1",
      checkoutRef: stripeSession("pay-1").id,
      gatewayPaymentId: "pi_3MtwBwLkdIwHu7ix28a3tqPa"
    })
    expect(event?.amount).toMatchObject({ amount: 4900, currency: "USD" })
  })

  it("points charge and dispute events at the payment intent (they carry none of our metadata)", () => {
    expect(normalize("charge.dispute.created", stripeDispute())?.reference).toEqual(
      expect.objectContaining({ gatewayPaymentId: "pi_3MtwBwLkdIwHu7ix28a3tqPa" })
    )
  })

  it("never reports a payment as succeeded without an amount it can read", () => {
    expect(
      normalize("checkout.session.completed", stripeSession("pay-1", { currency: "xyz" }))
    ).toBeUndefined()
  })

  it("returns undefined for payloads without the documented envelope", () => {
    expect(normalizeStripeEvent(eventId, { type: "checkout.session.completed" })).toBeUndefined()
    expect(normalizeStripeEvent(eventId, [])).toBeUndefined()
  })
})
