import { Schema } from "mongoose"

const money = { amount: { type: Number, required: true }, currency: { type: String, required: true } }

/** _id = payment id, which is deterministic per (intent, gateway, attempt). */
export const paymentSchema = new Schema(
  {
    _id: { type: String, required: true },
    paymentId: { type: String, required: true },
    intentId: { type: String, required: true },
    learnerId: { type: String, required: true },
    courseId: { type: String, required: true },
    offerId: { type: String, required: true },
    gateway: { type: String, required: true },
    attempt: { type: Number, required: true },
    amount: { type: money, required: true, _id: false },
    checkoutRef: String,
    checkoutUrl: String,
    gatewayPaymentId: String,
    status: { type: String, required: true },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true }
  },
  { versionKey: false, strict: "throw", collection: "payments" }
)
paymentSchema.index({ intentId: 1, gateway: 1, attempt: 1 }, { unique: true, name: "payment_attempt_unique" })
paymentSchema.index({ status: 1, createdAt: 1 }, { name: "payment_status" })

/**
 * Optional gateway references, one row each, only when the value exists. A unique index over an
 * optional field behaves differently on MongoDB (missing = null, a duplicate) and FerretDB (missing
 * is skipped), and partial indexes are unsupported there; a row per present value works on both.
 */
export const paymentRefSchema = new Schema(
  {
    _id: { type: String, required: true },
    gateway: { type: String, required: true },
    kind: { type: String, required: true, enum: ["checkout", "payment"] },
    ref: { type: String, required: true },
    paymentId: { type: String, required: true }
  },
  { versionKey: false, strict: "throw", collection: "payment_refs" }
)
paymentRefSchema.index({ gateway: 1, kind: 1, ref: 1 }, { unique: true, name: "payment_ref_unique" })
paymentRefSchema.index({ paymentId: 1 }, { name: "payment_ref_payment" })

export const checkoutIntentSchema = new Schema(
  {
    _id: { type: String, required: true },
    intentId: { type: String, required: true },
    learnerId: { type: String, required: true },
    courseId: { type: String, required: true },
    offerId: { type: String, required: true },
    createdAt: { type: Date, required: true }
  },
  { versionKey: false, strict: "throw", collection: "checkout_intents" }
)
checkoutIntentSchema.index(
  { learnerId: 1, courseId: 1, offerId: 1 },
  { unique: true, name: "intent_per_offer_unique" }
)
checkoutIntentSchema.index({ intentId: 1 }, { unique: true, name: "intent_id_unique" })
