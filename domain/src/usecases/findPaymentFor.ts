import { Effect, Option } from "effect"
import { PaymentNotFound } from "../errors/LedgerErrors.ts"
import type { Gateway } from "../model/Gateway.ts"
import type { GatewayEvent, PaymentReference } from "../model/GatewayEvent.ts"
import { Payments } from "../ports/Payments.ts"

/** Finds our payment from whatever reference the gateway gave: our id in metadata, the checkout, or its payment id. */
export const findPaymentFor = (gateway: Gateway, reference: PaymentReference) =>
  Effect.gen(function* () {
    const payments = yield* Payments
    const candidates = [
      reference.paymentId === undefined ? Effect.succeedNone : payments.find(reference.paymentId),
      reference.checkoutRef === undefined
        ? Effect.succeedNone
        : payments.findByCheckoutRef(gateway, reference.checkoutRef),
      reference.gatewayPaymentId === undefined
        ? Effect.succeedNone
        : payments.findByGatewayPaymentId(gateway, reference.gatewayPaymentId)
    ]
    for (const lookup of candidates) {
      const found = yield* lookup
      if (Option.isSome(found) && found.value.gateway === gateway) return found.value
    }
    return yield* new PaymentNotFound({ reference: describe(gateway, reference) })
  })

const describe = (gateway: Gateway, reference: PaymentReference) =>
  `${gateway} ${reference.paymentId ?? reference.checkoutRef ?? reference.gatewayPaymentId ?? "(no reference)"}`

export const eventSummary = (event: GatewayEvent) =>
  `${event.gateway}:${event.eventId} (${event.gatewayType})`
