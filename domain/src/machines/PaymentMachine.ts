import { Schema } from "effect"
import type { PaymentStatus } from "../model/Payment.ts"
import { type Decision, move, type StateMachine, stay } from "./Transition.ts"

export const CheckoutOpened = Schema.TaggedStruct("CheckoutOpened", { checkoutRef: Schema.String })
export const PaymentSucceeded = Schema.TaggedStruct("PaymentSucceeded", {
  gatewayPaymentId: Schema.optionalKey(Schema.String)
})
export const PaymentFailed = Schema.TaggedStruct("PaymentFailed", {
  reason: Schema.optionalKey(Schema.String)
})
export const CheckoutExpired = Schema.TaggedStruct("CheckoutExpired", {})
export const PaymentPartiallyRefunded = Schema.TaggedStruct("PaymentPartiallyRefunded", {})
export const PaymentRefunded = Schema.TaggedStruct("PaymentRefunded", {})
export const DisputeOpened = Schema.TaggedStruct("DisputeOpened", {})
export const DisputeWon = Schema.TaggedStruct("DisputeWon", {})
export const DisputeLost = Schema.TaggedStruct("DisputeLost", {})

export const PaymentEvent = Schema.Union([
  CheckoutOpened,
  PaymentSucceeded,
  PaymentFailed,
  CheckoutExpired,
  PaymentPartiallyRefunded,
  PaymentRefunded,
  DisputeOpened,
  DisputeWon,
  DisputeLost
])
export type PaymentEvent = typeof PaymentEvent.Type

/** The state each event asserts the payment has reached. */
export const paymentEventTarget: { readonly [K in PaymentEvent["_tag"]]: PaymentStatus } = {
  CheckoutOpened: "pending",
  PaymentFailed: "failed",
  CheckoutExpired: "expired",
  PaymentSucceeded: "succeeded",
  PaymentPartiallyRefunded: "partially_refunded",
  DisputeOpened: "disputed",
  DisputeWon: "dispute_won",
  PaymentRefunded: "refunded",
  DisputeLost: "dispute_lost"
}

/**
 * Forward moves only. The table is a total order (each state may move to every state after it),
 * so the final state of a payment depends on the set of events it saw, never on their order:
 * a late `payment_failed` after `succeeded` is a no-op, and a `failed` card attempt can still succeed.
 */
export const paymentTransitions: { readonly [S in PaymentStatus]: ReadonlyArray<PaymentStatus> } = {
  created: [
    "pending",
    "failed",
    "expired",
    "succeeded",
    "partially_refunded",
    "disputed",
    "dispute_won",
    "refunded",
    "dispute_lost"
  ],
  pending: [
    "failed",
    "expired",
    "succeeded",
    "partially_refunded",
    "disputed",
    "dispute_won",
    "refunded",
    "dispute_lost"
  ],
  failed: [
    "expired",
    "succeeded",
    "partially_refunded",
    "disputed",
    "dispute_won",
    "refunded",
    "dispute_lost"
  ],
  expired: ["succeeded", "partially_refunded", "disputed", "dispute_won", "refunded", "dispute_lost"],
  succeeded: ["partially_refunded", "disputed", "dispute_won", "refunded", "dispute_lost"],
  partially_refunded: ["disputed", "dispute_won", "refunded", "dispute_lost"],
  disputed: ["dispute_won", "refunded", "dispute_lost"],
  dispute_won: ["refunded", "dispute_lost"],
  refunded: ["dispute_lost"],
  dispute_lost: []
}

/** States in which the learner has paid and keeps the money's worth: the entitlement is due. */
export const entitlesLearner = (status: PaymentStatus): boolean =>
  status === "succeeded" ||
  status === "partially_refunded" ||
  status === "disputed" ||
  status === "dispute_won"

/** States in which the money went back: the entitlement is revoked. */
export const revokesEntitlement = (status: PaymentStatus): boolean =>
  status === "refunded" || status === "dispute_lost"

/** Final unless a gateway reverses it later; `failed` is not final while the checkout is open. */
export const isSettled = (status: PaymentStatus): boolean =>
  status !== "created" && status !== "pending" && status !== "failed"

export const decidePayment = (state: PaymentStatus, event: PaymentEvent): Decision<PaymentStatus> => {
  const target = paymentEventTarget[event._tag]
  if (target === state) return stay("same_state")
  return paymentTransitions[state].includes(target) ? move(target) : stay("stale")
}

export const PaymentMachine: StateMachine<PaymentStatus, PaymentEvent> = {
  subjectType: "payment",
  initial: "created",
  label: (state) => state,
  decide: decidePayment
}
