import { Schema } from "effect"
import { Gateway } from "./Gateway.ts"
import { CourseId, IntentId, LearnerId, OfferId, PaymentId } from "./Ids.ts"
import { Money } from "./Money.ts"

/** One open purchase of a certificate offer by a learner; its payments are attempts at paying it. */
export class CheckoutIntent extends Schema.Class<CheckoutIntent>("CheckoutIntent")({
  intentId: IntentId,
  learnerId: LearnerId,
  courseId: CourseId,
  offerId: OfferId,
  createdAt: Schema.Date
}) {}

export const PaymentStatus = Schema.Literals([
  "created",
  "pending",
  "failed",
  "expired",
  "succeeded",
  "partially_refunded",
  "disputed",
  "dispute_won",
  "refunded",
  "dispute_lost"
])
export type PaymentStatus = typeof PaymentStatus.Type

/** A checkout attempt at one gateway. `status` is a projection of the payment's transition log. */
export class Payment extends Schema.Class<Payment>("Payment")({
  paymentId: PaymentId,
  intentId: IntentId,
  learnerId: LearnerId,
  courseId: CourseId,
  offerId: OfferId,
  gateway: Gateway,
  attempt: Schema.Int.check(Schema.isGreaterThan(0)),
  amount: Money,
  checkoutRef: Schema.optionalKey(Schema.String),
  checkoutUrl: Schema.optionalKey(Schema.String),
  gatewayPaymentId: Schema.optionalKey(Schema.String),
  status: PaymentStatus,
  version: Schema.Int,
  createdAt: Schema.Date
}) {}
