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
import { PaymentGateways } from "../ports/PaymentGateways.ts"
import { Payments } from "../ports/Payments.ts"
import { findPaymentFor } from "./findPaymentFor.ts"
import { needsGatewayConfirmation, paymentEventFor } from "./paymentEventFor.ts"
import { recordPaymentFact, SNAPSHOT_CAUSE_HEADER, SNAPSHOT_SOURCE_HEADER } from "./recordPaymentFact.ts"
import { referenceOf } from "./referenceOf.ts"
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

/**
 * Applies what the gateway says now about the event's payment instead of the event's own snapshot,
 * through the same path as reconciliation (the actor stays the webhook, the cause this event).
 * An unreachable gateway fails the job, which is retried; nothing is guessed from the event meanwhile.
 */
export const applyConfirmedFact = Effect.fn("applyConfirmedFact")(function* (
  event: GatewayEvent,
  by: TransitionCause
) {
  const payment = yield* findPaymentFor(event.gateway, event.reference)
  const reference = referenceOf(payment, payment.gatewayPaymentId ?? event.reference.gatewayPaymentId)
  const snapshots = yield* PaymentGateways.use((gateways) => gateways.fetchPayment(event.gateway, reference))
  const ours = snapshots.filter((s) => s.paymentId === undefined || s.paymentId === payment.paymentId)
  // The gateway lists nothing for it (not yet indexed, or a stand-in that keeps no state): the signed
  // event is then the only evidence, and the reconciler will correct it if the gateway later disagrees.
  if (ours.length === 0) return `${yield* applyPaymentFact(event, by)} (the gateway listed nothing)`
  const outcomes: Array<string> = []
  for (const snapshot of ours) outcomes.push(yield* recordPaymentFact(snapshot, by.actor, by.cause))
  return `re-fetched: ${outcomes.join("; ")}`
})

type ApplyFact<E, R> = (
  event: GatewayEvent,
  by: TransitionCause,
  delivered: boolean
) => Effect.Effect<string, E, R>

const processInboxEvent = <E extends { readonly _tag: string; readonly message: string }, R>(
  gateway: Gateway,
  eventId: GatewayEventId,
  actor: Actor,
  apply: ApplyFact<E, R>
) =>
  Effect.gen(function* () {
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
      yield* inbox.markProcessed(
        gateway,
        eventId,
        "ignored: payload could not be normalized",
        yield* clock.now
      )
      return "ignored: payload could not be normalized"
    }
    const causeId = record.headers[SNAPSHOT_CAUSE_HEADER] ?? `${gateway}:${eventId}`
    const by = { actor, cause: new Cause({ kind: "gateway_event", id: causeId }) }
    const delivered = record.headers[SNAPSHOT_SOURCE_HEADER] === undefined
    const outcome = yield* apply(record.event, by, delivered).pipe(
      Effect.tapError((error) =>
        Effect.flatMap(clock.now, (now) =>
          inbox.markFailed(gateway, eventId, `${error._tag}: ${error.message}`, now)
        )
      )
    )
    yield* inbox.markProcessed(gateway, eventId, outcome, yield* clock.now)
    return outcome
  })

/** Processes a stored fact that is the gateway's own answer as it stands: asking again would only loop. */
export const applyStoredFact = Effect.fn("applyStoredFact")(function* (
  gateway: Gateway,
  eventId: GatewayEventId,
  actor: Actor
) {
  return yield* processInboxEvent(gateway, eventId, actor, (event, by) => applyPaymentFact(event, by))
})

/**
 * Processes a stored inbox event once; a processed event is a no-op, a failure is recorded and retried.
 * A delivered event whose meaning depends on order is confirmed with the gateway first.
 */
export const applyGatewayEvent = Effect.fn("applyGatewayEvent")(function* (
  gateway: Gateway,
  eventId: GatewayEventId,
  actor: Actor = new Actor({ kind: "webhook", id: gateway })
) {
  return yield* processInboxEvent(gateway, eventId, actor, (event, by, delivered) =>
    delivered && needsGatewayConfirmation(event) ? applyConfirmedFact(event, by) : applyPaymentFact(event, by)
  )
})
