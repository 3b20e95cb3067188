import type { PaymentEvent } from "../machines/PaymentMachine.ts"
import type { GatewayEvent } from "../model/GatewayEvent.ts"

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
