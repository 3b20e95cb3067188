import { GatewayPaymentSnapshot, type PaymentStatus } from "@certify/domain"
import type Stripe from "stripe"
import { furthestStatus } from "../shared/paymentStatusOrder.ts"
import { moneyFrom, paymentIdFrom } from "../shared/values.ts"

const expanded = <T extends { id: string }>(value: string | T | null | undefined): T | undefined =>
  typeof value === "object" && value !== null ? value : undefined

const idOf = (value: string | { id: string } | null | undefined): string | undefined =>
  typeof value === "string" ? value : (value?.id ?? undefined)

/** Dispute statuses: `warning_closed` is an inquiry closed without a chargeback, as good as won. */
export const disputeStatusFact = (status: string): PaymentStatus => {
  if (status === "won" || status === "warning_closed" || status === "prevented") return "dispute_won"
  if (status === "lost") return "dispute_lost"
  return "disputed"
}

export const chargeFacts = (charge: Stripe.Charge | undefined, dispute: Stripe.Dispute | undefined) => {
  const facts: Array<PaymentStatus> = []
  if (charge === undefined) return facts
  if (charge.status === "succeeded" || charge.paid) facts.push("succeeded")
  if (charge.refunded) facts.push("refunded")
  else if (charge.amount_refunded > 0) facts.push("partially_refunded")
  if (dispute !== undefined) facts.push(disputeStatusFact(dispute.status))
  else if (charge.disputed) facts.push("disputed")
  return facts
}

export const paymentIntentFacts = (intent: Stripe.PaymentIntent, dispute: Stripe.Dispute | undefined) => {
  const facts: Array<PaymentStatus> = ["pending"]
  if (intent.status === "succeeded") facts.push("succeeded")
  if (intent.status === "canceled") facts.push("expired")
  if (intent.status === "requires_payment_method" && intent.last_payment_error) facts.push("failed")
  return [...facts, ...chargeFacts(expanded(intent.latest_charge), dispute)]
}

/** A Checkout Session, with its payment intent and latest charge expanded, as the ledger would see it. */
export const sessionSnapshot = (
  session: Stripe.Checkout.Session,
  dispute: Stripe.Dispute | undefined,
  observedAt: Date
): GatewayPaymentSnapshot | undefined => {
  const amount = moneyFrom(session.amount_total, session.currency)
  if (amount === undefined) return undefined
  const intent = expanded(session.payment_intent)
  const facts: Array<PaymentStatus> = ["pending", ...(intent ? paymentIntentFacts(intent, dispute) : [])]
  if (session.status === "expired") facts.push("expired")
  if (session.status === "complete" && session.payment_status !== "unpaid") facts.push("succeeded")
  const paymentId = paymentIdFrom(session.metadata?.payment_id ?? session.client_reference_id)
  const gatewayPaymentId = idOf(session.payment_intent)
  return new GatewayPaymentSnapshot({
    gateway: "stripe",
    ...(paymentId === undefined ? {} : { paymentId }),
    checkoutRef: session.id,
    ...(gatewayPaymentId === undefined ? {} : { gatewayPaymentId }),
    status: furthestStatus(facts),
    amount,
    observedAt
  })
}

/** A payment intent found by its id (a charge or dispute event names only that). */
export const paymentIntentSnapshot = (
  intent: Stripe.PaymentIntent,
  dispute: Stripe.Dispute | undefined,
  observedAt: Date
): GatewayPaymentSnapshot | undefined => {
  const amount = moneyFrom(intent.amount, intent.currency)
  if (amount === undefined) return undefined
  const paymentId = paymentIdFrom(intent.metadata?.payment_id)
  return new GatewayPaymentSnapshot({
    gateway: "stripe",
    ...(paymentId === undefined ? {} : { paymentId }),
    gatewayPaymentId: intent.id,
    status: furthestStatus(paymentIntentFacts(intent, dispute)),
    amount,
    observedAt
  })
}

/** The charge behind a session or intent, when it says it was disputed (then the dispute is asked for). */
export const disputedIntentId = (
  source: Stripe.Checkout.Session | Stripe.PaymentIntent
): string | undefined => {
  const intent = source.object === "payment_intent" ? source : expanded(source.payment_intent)
  const charge = expanded(intent?.latest_charge)
  return charge?.disputed && intent ? intent.id : undefined
}
