import { Effect, Option } from "effect"
import { InboxEventNotFound } from "../errors/LedgerErrors.ts"
import { type TransitionCause, transitionPayment } from "../ledger/subjects.ts"
import { Actor, Cause } from "../model/Actor.ts"
import type { Gateway } from "../model/Gateway.ts"
import type { GatewayEvent } from "../model/GatewayEvent.ts"
import type { GatewayEventId } from "../model/Ids.ts"
import { sameMoney } from "../model/Money.ts"
import { Clock } from "../ports/Clock.ts"
import { GatewayEventInbox } from "../ports/GatewayEventInbox.ts"
import { ManualReview, ReviewItem } from "../ports/ManualReview.ts"
import { Payments } from "../ports/Payments.ts"
import { findPaymentFor } from "./findPaymentFor.ts"
import { paymentEventFor } from "./paymentEventFor.ts"
import { settleEntitlement } from "./settleEntitlement.ts"

/**
 * Applies one normalized gateway fact to its payment, then grants or revokes what the resulting
 * state implies. Every step is idempotent, so re-running after a crash at any point converges.
 * Webhooks and reconciliation both come through here; only the actor differs.
 */
export const applyPaymentFact = Effect.fn("applyPaymentFact")(function* (
  event: GatewayEvent,
  by: TransitionCause
) {
  const paymentEvent = paymentEventFor(event)
  if (paymentEvent === undefined) return `ignored: unknown event type ${event.gatewayType}`
  const payment = yield* findPaymentFor(event.gateway, event.reference)

  if (
    event.kind === "payment_succeeded" &&
    event.amount !== undefined &&
    !sameMoney(event.amount, payment.amount)
  ) {
    yield* ManualReview.use((review) =>
      Effect.flatMap(
        Clock.use((clock) => clock.now),
        (now) =>
          review.flag(
            new ReviewItem({
              subjectId: payment.paymentId,
              reason: "amount_mismatch",
              details: `expected ${payment.amount.amount} ${payment.amount.currency}, gateway reported ${event.amount?.amount} ${event.amount?.currency} (${event.gateway}:${event.eventId})`,
              flaggedAt: now
            })
          )
      )
    )
    return "flagged: amount mismatch"
  }
  const gatewayPaymentId = event.reference.gatewayPaymentId
  if (gatewayPaymentId !== undefined && payment.gatewayPaymentId === undefined) {
    yield* Payments.use((payments) => payments.attachGatewayPaymentId(payment.paymentId, gatewayPaymentId))
  }
  const committed = yield* transitionPayment(payment.paymentId, paymentEvent, by)
  yield* settleEntitlement(payment.paymentId, by)
  return committed._tag === "Applied"
    ? `applied: ${committed.entry?.from} -> ${committed.entry?.to}`
    : `unchanged: ${committed.reason} (${committed.state})`
})

/** Processes a stored inbox event once; a processed event is a no-op, a failure is recorded and retried. */
export const applyGatewayEvent = Effect.fn("applyGatewayEvent")(function* (
  gateway: Gateway,
  eventId: GatewayEventId,
  actor: Actor = new Actor({ kind: "webhook", id: gateway })
) {
  const inbox = yield* GatewayEventInbox
  const clock = yield* Clock
  const record = yield* Effect.flatMap(
    inbox.get(gateway, eventId),
    Option.match({
      onNone: () => Effect.fail(new InboxEventNotFound({ gateway, eventId })),
      onSome: Effect.succeed
    })
  )
  if (record.processedAt !== undefined) return record.outcome ?? "already processed"
  if (record.event === undefined) {
    yield* inbox.markProcessed(gateway, eventId, "ignored: payload could not be normalized", yield* clock.now)
    return "ignored: payload could not be normalized"
  }
  const by = { actor, cause: new Cause({ kind: "gateway_event", id: `${gateway}:${eventId}` }) }
  const outcome = yield* applyPaymentFact(record.event, by).pipe(
    Effect.tapError((error) =>
      Effect.flatMap(clock.now, (now) =>
        inbox.markFailed(gateway, eventId, `${error._tag}: ${error.message}`, now)
      )
    )
  )
  yield* inbox.markProcessed(gateway, eventId, outcome, yield* clock.now)
  return outcome
})
