import type { MakeId } from "../http/random.ts"
import type { DisputeOutcome } from "../SandboxControls.ts"
import type { StripeObject } from "./stripeObjects.ts"

export interface StripeStateDeps {
  readonly makeId: MakeId
  readonly nowSeconds: () => number
  readonly emit: (type: string, object: StripeObject) => void
}

const str = (value: unknown) => (typeof value === "string" ? value : undefined)

/**
 * Stripe's objects and what happens to them: sessions are paid, declined, expired; charges refunded
 * and disputed. Each change emits the event Stripe documents for it, carrying the object's new state.
 */
export const makeStripeState = ({ makeId, nowSeconds, emit }: StripeStateDeps) => {
  const sessions = new Map<string, StripeObject>()
  const intents = new Map<string, StripeObject>()
  const charges = new Map<string, StripeObject>()
  const refunds = new Map<string, StripeObject>()
  const disputes = new Map<string, StripeObject>()
  // Copied onto the payment intent when it is made, as Stripe does with `payment_intent_data`.
  const intentMetadata = new Map<string, StripeObject>()

  const resolve = (id: string): StripeObject | undefined =>
    sessions.get(id) ?? intents.get(id) ?? charges.get(id) ?? refunds.get(id) ?? disputes.get(id)

  /** A session by its id, its payment intent's id, or our payment id in its metadata. */
  const findSession = (ref: string): StripeObject | undefined => {
    const direct = sessions.get(ref)
    if (direct) return direct
    for (const session of sessions.values()) {
      const metadata = session.metadata as StripeObject
      if (
        session.payment_intent === ref ||
        metadata.payment_id === ref ||
        session.client_reference_id === ref
      )
        return session
    }
    return undefined
  }
  const chargeOf = (ref: string): StripeObject | undefined => {
    const session = findSession(ref)
    const intent = intents.get(str(session?.payment_intent) ?? ref)
    const charge = charges.get(str(intent?.latest_charge) ?? ref)
    return charge?.status === "succeeded" ? charge : undefined
  }
  const need = <A>(value: A | undefined, what: string): A => {
    if (value === undefined) throw new Error(`stripe sandbox: ${what}`)
    return value
  }

  const newIntent = (session: StripeObject): StripeObject => {
    const intent: StripeObject = {
      id: makeId("pi_test_", 24),
      object: "payment_intent",
      amount: session.amount_total,
      amount_received: 0,
      currency: session.currency,
      created: nowSeconds(),
      latest_charge: null,
      last_payment_error: null,
      livemode: false,
      metadata: intentMetadata.get(String(session.id)) ?? {},
      status: "requires_payment_method"
    }
    intents.set(String(intent.id), intent)
    session.payment_intent = intent.id
    return intent
  }

  return {
    sessions,
    intents,
    charges,
    refunds,
    disputes,
    resolve,
    findSession,
    createSession: (session: StripeObject, metadataForIntent: StripeObject) => {
      sessions.set(String(session.id), session)
      intentMetadata.set(String(session.id), metadataForIntent)
      return session
    },
    /**
     * `amountMinor` makes the payment settle for another amount than the session asked, as a gateway
     * bug or a tampered integration would; the session, intent and charge all report what was paid.
     */
    pay: (ref: string, amountMinor?: number) => {
      const session = need(findSession(ref), `no checkout session for ${ref}`)
      if (session.status !== "open") return session
      if (amountMinor !== undefined)
        Object.assign(session, { amount_subtotal: amountMinor, amount_total: amountMinor })
      const intent = intents.get(str(session.payment_intent) ?? "") ?? newIntent(session)
      intent.amount = session.amount_total
      const charge: StripeObject = {
        id: makeId("ch_test_", 24),
        object: "charge",
        amount: intent.amount,
        amount_captured: intent.amount,
        amount_refunded: 0,
        captured: true,
        created: nowSeconds(),
        currency: intent.currency,
        disputed: false,
        livemode: false,
        metadata: {},
        paid: true,
        payment_intent: intent.id,
        refunded: false,
        status: "succeeded"
      }
      charges.set(String(charge.id), charge)
      Object.assign(intent, {
        status: "succeeded",
        amount_received: intent.amount,
        latest_charge: charge.id,
        last_payment_error: null
      })
      Object.assign(session, { status: "complete", payment_status: "paid" })
      emit("checkout.session.completed", session)
      return session
    },
    decline: (ref: string) => {
      const session = need(findSession(ref), `no checkout session for ${ref}`)
      if (session.status !== "open") return session
      const intent = intents.get(str(session.payment_intent) ?? "") ?? newIntent(session)
      intent.last_payment_error = {
        type: "card_error",
        code: "card_declined",
        decline_code: "generic_decline",
        message: "Your card was declined."
      }
      emit("payment_intent.payment_failed", intent)
      return session
    },
    expire: (ref: string) => {
      const session = need(findSession(ref), `no checkout session for ${ref}`)
      if (session.status !== "open") return session
      session.status = "expired"
      const intent = intents.get(str(session.payment_intent) ?? "")
      if (intent) intent.status = "canceled"
      emit("checkout.session.expired", session)
      return session
    },
    /** Undefined when there is nothing (left) to refund. */
    refund: (ref: string, reason: string | undefined): StripeObject | undefined => {
      const charge = chargeOf(ref)
      if (charge === undefined || charge.refunded === true) return undefined
      const refund: StripeObject = {
        id: makeId("re_test_", 24),
        object: "refund",
        amount: Number(charge.amount) - Number(charge.amount_refunded),
        charge: charge.id,
        created: nowSeconds(),
        currency: charge.currency,
        metadata: {},
        payment_intent: charge.payment_intent,
        reason: reason ?? null,
        status: "succeeded"
      }
      refunds.set(String(refund.id), refund)
      Object.assign(charge, { amount_refunded: charge.amount, refunded: true })
      emit("charge.refunded", charge)
      return refund
    },
    chargeOf,
    dispute: (ref: string, outcome: DisputeOutcome | undefined) => {
      const charge = need(chargeOf(ref), `no succeeded charge for ${ref}`)
      let dispute = [...disputes.values()].find((d) => d.charge === charge.id)
      if (dispute === undefined) {
        dispute = {
          id: makeId("dp_test_", 24),
          object: "dispute",
          amount: charge.amount,
          charge: charge.id,
          created: nowSeconds(),
          currency: charge.currency,
          livemode: false,
          metadata: {},
          payment_intent: charge.payment_intent,
          reason: "fraudulent",
          status: "needs_response"
        }
        disputes.set(String(dispute.id), dispute)
        charge.disputed = true
        emit("charge.dispute.created", dispute)
      }
      if (
        outcome !== undefined &&
        (dispute.status === "needs_response" || dispute.status === "under_review")
      ) {
        dispute.status = outcome
        emit("charge.dispute.closed", dispute)
      }
      return dispute
    }
  }
}
export type StripeState = ReturnType<typeof makeStripeState>
