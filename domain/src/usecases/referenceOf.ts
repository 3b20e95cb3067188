import { PaymentReference } from "../model/GatewayEvent.ts"
import type { Payment } from "../model/Payment.ts"

/**
 * Every reference we hold for a payment, to ask its gateway about it; `gatewayPaymentId` stands in when
 * the ledger has not learned the gateway's own id yet (an event can carry it first).
 */
export const referenceOf = (payment: Payment, gatewayPaymentId = payment.gatewayPaymentId) =>
  new PaymentReference({
    paymentId: payment.paymentId,
    ...(payment.checkoutRef === undefined ? {} : { checkoutRef: payment.checkoutRef }),
    ...(gatewayPaymentId === undefined ? {} : { gatewayPaymentId })
  })
