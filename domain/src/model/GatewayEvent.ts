import { Schema } from "effect"
import { Gateway } from "./Gateway.ts"
import { GatewayEventId, PaymentId } from "./Ids.ts"
import { Money } from "./Money.ts"

/**
 * Gateway-neutral event kinds. Each gateway adapter maps its own event types onto these;
 * a type it does not know becomes `unknown`, which is stored and explicitly ignored.
 */
export const GatewayEventKind = Schema.Literals([
  "payment_succeeded",
  "payment_failed",
  "checkout_expired",
  "payment_partially_refunded",
  "payment_refunded",
  "dispute_opened",
  "dispute_won",
  "dispute_lost",
  "unknown"
])
export type GatewayEventKind = typeof GatewayEventKind.Type

/** How an event points at our payment: any one of these may be present. */
export class PaymentReference extends Schema.Class<PaymentReference>("PaymentReference")({
  paymentId: Schema.optionalKey(PaymentId),
  checkoutRef: Schema.optionalKey(Schema.String),
  gatewayPaymentId: Schema.optionalKey(Schema.String)
}) {}

export class GatewayEvent extends Schema.Class<GatewayEvent>("GatewayEvent")({
  eventId: GatewayEventId,
  gateway: Gateway,
  kind: GatewayEventKind,
  /** The gateway's own type, e.g. `checkout.session.completed`, kept for the audit trail. */
  gatewayType: Schema.String,
  reference: PaymentReference,
  amount: Schema.optionalKey(Money),
  occurredAt: Schema.Date,
  /** Where the raw signed payload is kept: the inbox key `gateway:eventId`. */
  rawPayloadRef: Schema.String
}) {}

export const inboxKey = (gateway: Gateway, eventId: GatewayEventId): string => `${gateway}:${eventId}`
