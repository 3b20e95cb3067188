import type { GatewayEvent, GatewayEventId } from "@certify/domain"
import { gatewayEventOf, type MappedEvent } from "../shared/mappedEvent.ts"
import { isRecord, moneyFrom } from "../shared/values.ts"
import { disputeStatusFact } from "./stripeSnapshots.ts"

type Fields = Record<string, unknown>

type Mapped = MappedEvent

const text = (value: unknown) => (typeof value === "string" ? value : undefined)
const idOf = (value: unknown) => (isRecord(value) ? text(value.id) : text(value))
const metadataOf = (object: Fields) => (isRecord(object.metadata) ? object.metadata : {})

const sessionReference = (session: Fields) => ({
  paymentId: metadataOf(session).payment_id ?? session.client_reference_id,
  checkoutRef: session.id,
  gatewayPaymentId: idOf(session.payment_intent)
})
const intentReference = (intent: Fields) => ({
  paymentId: metadataOf(intent).payment_id,
  gatewayPaymentId: intent.id
})
// Charges and disputes carry no metadata of ours: the payment intent id finds the payment.
const chargeReference = (object: Fields) => ({
  paymentId: metadataOf(object).payment_id,
  gatewayPaymentId: idOf(object.payment_intent)
})

const sessionPaid = (session: Fields): Mapped => ({
  kind: "payment_succeeded",
  reference: sessionReference(session),
  amount: moneyFrom(session.amount_total, session.currency)
})

/**
 * What each Stripe event type asserts about our payment. A type not listed is `unknown`: stored,
 * and explicitly ignored by the processor; it is never guessed into a state.
 */
const mappers: Record<string, (object: Fields) => Mapped> = {
  // Paid now, or (for delayed methods) only submitted: then async_payment_succeeded follows.
  "checkout.session.completed": (session) =>
    session.payment_status === "paid" || session.payment_status === "no_payment_required"
      ? sessionPaid(session)
      : { kind: "unknown", reference: sessionReference(session) },
  "checkout.session.async_payment_succeeded": sessionPaid,
  "checkout.session.async_payment_failed": (session) => ({
    kind: "payment_failed",
    reference: sessionReference(session)
  }),
  "checkout.session.expired": (session) => ({
    kind: "checkout_expired",
    reference: sessionReference(session)
  }),
  "payment_intent.succeeded": (intent) => ({
    kind: "payment_succeeded",
    reference: intentReference(intent),
    amount: moneyFrom(intent.amount_received ?? intent.amount, intent.currency)
  }),
  "payment_intent.payment_failed": (intent) => ({
    kind: "payment_failed",
    reference: intentReference(intent)
  }),
  "charge.refunded": (charge) => ({
    kind: charge.refunded === true ? "payment_refunded" : "payment_partially_refunded",
    reference: chargeReference(charge)
  }),
  "charge.dispute.created": (dispute) => ({ kind: "dispute_opened", reference: chargeReference(dispute) }),
  "charge.dispute.closed": (dispute) => {
    const fact = disputeStatusFact(text(dispute.status) ?? "")
    return {
      kind: fact === "dispute_won" ? "dispute_won" : fact === "dispute_lost" ? "dispute_lost" : "unknown",
      reference: chargeReference(dispute)
    }
  }
}

export const stripeHandledEventTypes = Object.keys(mappers)

/**
 * A verified Stripe `Event` as the domain's normalized event; `undefined` when the payload does not
 * have the documented shape (it is still stored, and the processor reports it).
 */
export const normalizeStripeEvent = (eventId: GatewayEventId, payload: unknown): GatewayEvent | undefined => {
  if (!isRecord(payload) || typeof payload.type !== "string" || typeof payload.created !== "number") return
  const object = isRecord(payload.data) && isRecord(payload.data.object) ? payload.data.object : undefined
  if (object === undefined) return undefined
  const mapper = mappers[payload.type]
  const mapped: Mapped = mapper ? mapper(object) : { kind: "unknown", reference: {} }
  return gatewayEventOf("stripe", eventId, payload.type, payload.created, mapped)
}
