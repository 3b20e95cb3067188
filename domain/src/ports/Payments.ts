import { Context, type Effect, type Option } from "effect"
import type { Gateway } from "../model/Gateway.ts"
import type { IntentId, PaymentId } from "../model/Ids.ts"
import type { Payment, PaymentStatus } from "../model/Payment.ts"

/**
 * Payment documents. Unique on the payment id (intent, gateway, attempt), on (gateway, checkout ref)
 * and on (gateway, gateway payment id) where set. `status`/`version` are a projection of the log.
 */
export class Payments extends Context.Service<
  Payments,
  {
    readonly insert: (payment: Payment) => Effect.Effect<"inserted" | "exists">
    readonly find: (paymentId: PaymentId) => Effect.Effect<Option.Option<Payment>>
    readonly findByCheckoutRef: (
      gateway: Gateway,
      checkoutRef: string
    ) => Effect.Effect<Option.Option<Payment>>
    readonly findByGatewayPaymentId: (
      gateway: Gateway,
      gatewayPaymentId: string
    ) => Effect.Effect<Option.Option<Payment>>
    readonly listByIntent: (intentId: IntentId) => Effect.Effect<ReadonlyArray<Payment>>
    /** A reference (checkout or gateway payment id) another payment already owns is left alone: it stays theirs. */
    readonly attachCheckout: (
      paymentId: PaymentId,
      checkoutRef: string,
      checkoutUrl: string
    ) => Effect.Effect<void>
    readonly attachGatewayPaymentId: (paymentId: PaymentId, gatewayPaymentId: string) => Effect.Effect<void>
    /** Moves the projection forward to `version`; an older version is ignored. */
    readonly project: (paymentId: PaymentId, status: PaymentStatus, version: number) => Effect.Effect<void>
    /** Oldest first, created in (`createdAfter`, `createdBefore`]; no lower bound without `createdAfter`. */
    readonly listByStatus: (
      statuses: ReadonlyArray<PaymentStatus>,
      createdBefore: Date,
      limit: number,
      createdAfter?: Date
    ) => Effect.Effect<ReadonlyArray<Payment>>
  }
>()("certify/domain/ports/Payments") {}
