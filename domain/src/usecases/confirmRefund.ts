import { Effect, Option, Schema } from "effect"
import { PaymentNotFound } from "../errors/LedgerErrors.ts"
import { currentState } from "../ledger/commitTransition.ts"
import { PaymentLedger } from "../ledger/subjects.ts"
import { Actor } from "../model/Actor.ts"
import type { PaymentId } from "../model/Ids.ts"
import type { PaymentStatus } from "../model/Payment.ts"
import { PaymentGateways } from "../ports/PaymentGateways.ts"
import { Payments } from "../ports/Payments.ts"
import { recordPaymentFact } from "./recordPaymentFact.ts"
import { referenceOf } from "./referenceOf.ts"

/** The gateway does not (yet) report the refund: the job retries with backoff, then is dead-lettered. */
export class RefundNotConfirmed extends Schema.TaggedError<RefundNotConfirmed>()("RefundNotConfirmed", {
  paymentId: Schema.String,
  status: Schema.String
}) {
  override get message() {
    return `the gateway does not report payment ${this.paymentId} refunded yet (ledger: ${this.status})`
  }
}

export const refundFollowUpActor = new Actor({ kind: "system", id: "refund-follow-up" })

// The money is back with the learner either way; nothing further can come of asking again.
const refundSettled: ReadonlySet<PaymentStatus> = new Set(["refunded", "dispute_lost"])

/**
 * The follow-up of an operator's refund call: the call's return proves nothing, and its webhook can be
 * lost (and reconciliation lists by creation time, so an old payment is not looked at again). Asks the
 * gateway for the payment and records what it says through the webhook's path (`recordPaymentFact`),
 * which moves the ledger and revokes the entitlement. Fails while the gateway does not report it refunded.
 */
export const confirmRefund = Effect.fn("confirmRefund")(function* (paymentId: PaymentId) {
  const found = yield* Payments.use((p) => p.find(paymentId))
  if (Option.isNone(found)) return yield* new PaymentNotFound({ reference: paymentId })
  const payment = found.value
  const snapshots = yield* PaymentGateways.use((g) => g.fetchPayment(payment.gateway, referenceOf(payment)))
  const outcomes: Array<string> = []
  for (const snapshot of snapshots.filter((s) => s.paymentId === undefined || s.paymentId === paymentId))
    outcomes.push(yield* recordPaymentFact(snapshot, refundFollowUpActor))
  const { state } = yield* currentState(PaymentLedger, paymentId)
  if (!refundSettled.has(state)) return yield* new RefundNotConfirmed({ paymentId, status: state })
  return `refund confirmed (${state})${outcomes.length === 0 ? "" : `: ${outcomes.join("; ")}`}`
})
