import type { GatewayEvent, GatewayEventId, GatewayEventKind } from "@certify/domain"
import { gatewayEventOf, type MappedEvent } from "../shared/mappedEvent.ts"
import { isRecord, moneyFrom } from "../shared/values.ts"
import { notesOf } from "./razorpaySnapshots.ts"

type Entities = Record<string, Record<string, unknown>>

type Mapped = MappedEvent

const entity = (payload: Record<string, unknown>, name: string) => {
  const wrapper = payload[name]
  return isRecord(wrapper) && isRecord(wrapper.entity) ? wrapper.entity : undefined
}

const paymentReference = ({ payment, order, refund, dispute }: Entities) => ({
  paymentId: notesOf(payment ?? {}).payment_id ?? notesOf(order ?? {}).payment_id,
  checkoutRef: payment?.order_id ?? order?.id,
  gatewayPaymentId: payment?.id ?? refund?.payment_id ?? dispute?.payment_id
})

const paid = (entities: Entities): Mapped => ({
  kind: "payment_succeeded",
  reference: paymentReference(entities),
  amount: moneyFrom(entities.payment?.amount, entities.payment?.currency)
})
const kindOnly =
  (kind: GatewayEventKind) =>
  (entities: Entities): Mapped => ({
    kind,
    reference: paymentReference(entities)
  })

// Without the payment entity a refund cannot be told full: partial is the side that revokes nothing.
const fullyRefunded = ({ payment }: Entities) =>
  payment?.refund_status === "full" ||
  payment?.status === "refunded" ||
  (typeof payment?.amount === "number" &&
    typeof payment.amount_refunded === "number" &&
    payment.amount_refunded >= payment.amount)

/**
 * What each Razorpay event asserts about our payment. `payment.authorized` is listed on purpose as
 * `unknown`: an authorization is not money (capture follows, or Razorpay refunds it), so it moves
 * nothing. Any type not listed is `unknown` too: stored, and explicitly ignored.
 */
const mappers: Record<string, (entities: Entities) => Mapped> = {
  "payment.authorized": kindOnly("unknown"),
  "payment.captured": paid,
  "order.paid": paid,
  "payment.failed": kindOnly("payment_failed"),
  "refund.processed": (entities) => ({
    kind: fullyRefunded(entities) ? "payment_refunded" : "payment_partially_refunded",
    reference: paymentReference(entities)
  }),
  "payment.dispute.created": kindOnly("dispute_opened"),
  "payment.dispute.under_review": kindOnly("dispute_opened"),
  "payment.dispute.action_required": kindOnly("dispute_opened"),
  "payment.dispute.won": kindOnly("dispute_won"),
  // Closed: a fraud inquiry answered without a chargeback, so the money stays.
  "payment.dispute.closed": kindOnly("dispute_won"),
  "payment.dispute.lost": kindOnly("dispute_lost")
}

export const razorpayHandledEventTypes = Object.keys(mappers)

/** A verified Razorpay webhook body as the normalized event; `undefined` if it lacks the documented shape. */
export const normalizeRazorpayEvent = (eventId: GatewayEventId, body: unknown): GatewayEvent | undefined => {
  if (!isRecord(body) || typeof body.event !== "string" || typeof body.created_at !== "number") return
  if (!isRecord(body.payload)) return undefined
  const entities: Entities = {}
  for (const name of ["payment", "order", "refund", "dispute"]) {
    const found = entity(body.payload, name)
    if (found !== undefined) entities[name] = found
  }
  const mapper = mappers[body.event]
  const mapped: Mapped = mapper
    ? mapper(entities)
    : { kind: "unknown", reference: paymentReference(entities) }
  return gatewayEventOf("razorpay", eventId, body.event, body.created_at, mapped)
}
