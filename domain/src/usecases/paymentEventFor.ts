import type { PaymentEvent } from "../machines/PaymentMachine.ts"
import type { GatewayEvent, GatewayEventKind } from "../model/GatewayEvent.ts"

/** The payment-machine event a normalized gateway event asserts; `undefined` for an unknown type. */
export const paymentEventFor = (event: GatewayEvent): PaymentEvent | undefined => {
  switch (event.kind) {
    case "payment_succeeded":
      return event.reference.gatewayPaymentId === undefined
        ? { _tag: "PaymentSucceeded" }
        : { _tag: "PaymentSucceeded", gatewayPaymentId: event.reference.gatewayPaymentId }
    case "payment_failed":
      return { _tag: "PaymentFailed" }
    case "checkout_expired":
      return { _tag: "CheckoutExpired" }
    case "payment_partially_refunded":
      return { _tag: "PaymentPartiallyRefunded" }
    case "payment_refunded":
      return { _tag: "PaymentRefunded" }
    case "dispute_opened":
      return { _tag: "DisputeOpened" }
    case "dispute_won":
      return { _tag: "DisputeWon" }
    case "dispute_lost":
      return { _tag: "DisputeLost" }
    case "unknown":
      return undefined
  }
}

// Events whose meaning depends on what came before them (a refund before its capture was seen, a
// failed attempt delivered after another attempt succeeded): the gateway's current answer decides.
const orderSensitive: ReadonlySet<GatewayEventKind> = new Set([
  "payment_failed",
  "payment_partially_refunded",
  "payment_refunded",
  "dispute_opened",
  "dispute_won",
  "dispute_lost"
])

/**
 * Whether a delivered event is applied from a fresh fetch of the payment instead of its own snapshot:
 * order-sensitive kinds, and any event that does not carry the amount (e.g. a Razorpay
 * `refund.processed` without the payment entity cannot tell a full refund from a partial one).
 */
export const needsGatewayConfirmation = (event: GatewayEvent): boolean =>
  // An unknown type is stored and ignored: there is nothing to confirm, and its payment may not be ours.
  event.kind !== "unknown" && (orderSensitive.has(event.kind) || event.amount === undefined)
