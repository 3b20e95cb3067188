import { Context, type Effect, Schema } from "effect"
import type { PaymentUnavailable } from "../errors/PurchaseErrors.ts"
import { Gateway } from "../model/Gateway.ts"
import type { PaymentReference } from "../model/GatewayEvent.ts"
import { CourseId, IntentId, LearnerId, PaymentId } from "../model/Ids.ts"
import { Money } from "../model/Money.ts"
import { PaymentStatus } from "../model/Payment.ts"

export class CheckoutRequest extends Schema.Class<CheckoutRequest>("CheckoutRequest")({
  /** Also the idempotency key: the same payment never opens two checkouts. */
  paymentId: PaymentId,
  intentId: IntentId,
  gateway: Gateway,
  amount: Money,
  learnerId: LearnerId,
  learnerEmail: Schema.String,
  courseId: CourseId,
  courseTitle: Schema.String
}) {}

export class CheckoutSession extends Schema.Class<CheckoutSession>("CheckoutSession")({
  checkoutRef: Schema.String,
  url: Schema.String
}) {}

/** What the gateway itself says about a payment: the source for reconciliation and re-fetches. */
export class GatewayPaymentSnapshot extends Schema.Class<GatewayPaymentSnapshot>("GatewayPaymentSnapshot")({
  gateway: Gateway,
  paymentId: Schema.optionalKey(PaymentId),
  checkoutRef: Schema.optionalKey(Schema.String),
  gatewayPaymentId: Schema.optionalKey(Schema.String),
  status: PaymentStatus,
  amount: Money,
  observedAt: Schema.Date
}) {}

export interface TimeWindow {
  readonly from: Date
  readonly to: Date
}

/** Whether a configured gateway takes payments right now (its circuit is closed), for the UI to show. */
export interface GatewayStatus {
  readonly gateway: Gateway
  readonly available: boolean
  /** Why not, in words a learner may see: "payment unavailable: gateway outage". */
  readonly reason?: string
}

export interface SnapshotPage {
  readonly items: ReadonlyArray<GatewayPaymentSnapshot>
  readonly next: string | undefined
}

/** The remote gateways, one implementation per gateway behind one port. */
export class PaymentGateways extends Context.Service<
  PaymentGateways,
  {
    /** The configured gateways, in the order the learner is offered them. */
    readonly status: Effect.Effect<ReadonlyArray<GatewayStatus>>
    readonly createCheckout: (request: CheckoutRequest) => Effect.Effect<CheckoutSession, PaymentUnavailable>
    readonly fetchPayment: (
      gateway: Gateway,
      reference: PaymentReference
    ) => Effect.Effect<ReadonlyArray<GatewayPaymentSnapshot>, PaymentUnavailable>
    readonly listPayments: (
      gateway: Gateway,
      window: TimeWindow,
      cursor: string | undefined
    ) => Effect.Effect<SnapshotPage, PaymentUnavailable>
    /** Full refund, idempotent per payment; confirmed later by webhook or fetch, not by this call. */
    readonly refund: (
      gateway: Gateway,
      reference: PaymentReference
    ) => Effect.Effect<void, PaymentUnavailable>
  }
>()("certify/domain/ports/PaymentGateways") {}
