import { Effect, Schema } from "effect"
import { Actor, type Cause } from "../model/Actor.ts"
import { GatewayEvent, type GatewayEventKind, inboxKey, PaymentReference } from "../model/GatewayEvent.ts"
import { GatewayEventId } from "../model/Ids.ts"
import type { PaymentStatus } from "../model/Payment.ts"
import { Clock } from "../ports/Clock.ts"
import { GatewayEventInbox, InboxRecord } from "../ports/GatewayEventInbox.ts"
import type { GatewayPaymentSnapshot } from "../ports/PaymentGateways.ts"
import { applyStoredFact } from "./applyGatewayEvent.ts"

const kindOf: { readonly [S in PaymentStatus]: GatewayEventKind | undefined } = {
  created: undefined,
  pending: undefined,
  failed: "payment_failed",
  expired: "checkout_expired",
  succeeded: "payment_succeeded",
  partially_refunded: "payment_partially_refunded",
  disputed: "dispute_opened",
  dispute_won: "dispute_won",
  refunded: "payment_refunded",
  dispute_lost: "dispute_lost"
}

/** Marks an inbox record written from the gateway's own answer, not delivered: it is never re-fetched. */
export const SNAPSHOT_SOURCE_HEADER = "x-certify-source"
/** The delivered event a re-fetched fact was asked for, kept as the audit cause of what it changes. */
export const SNAPSHOT_CAUSE_HEADER = "x-certify-cause"

/**
 * What the gateway itself reports, fed through the same path as a webhook: stored in the inbox under
 * a deterministic id (so asking twice records once), then applied with the given actor. `cause` names
 * the delivered event that made us ask, if any; otherwise the stored fact is its own cause.
 */
export const recordPaymentFact = Effect.fn("recordPaymentFact")(function* (
  snapshot: GatewayPaymentSnapshot,
  actor: Actor,
  cause?: Cause
) {
  const kind = kindOf[snapshot.status]
  if (kind === undefined) return "nothing to apply"
  const reference = snapshot.gatewayPaymentId ?? snapshot.checkoutRef ?? snapshot.paymentId ?? "unknown"
  const eventId = Schema.decodeUnknownSync(GatewayEventId)(
    `${actor.kind}_${reference}_${snapshot.status}`.slice(0, 80)
  )
  const now = yield* Clock.use((clock) => clock.now)
  const event = new GatewayEvent({
    eventId,
    gateway: snapshot.gateway,
    kind,
    gatewayType: `${actor.kind}:${snapshot.status}`,
    reference: new PaymentReference({
      ...(snapshot.paymentId === undefined ? {} : { paymentId: snapshot.paymentId }),
      ...(snapshot.checkoutRef === undefined ? {} : { checkoutRef: snapshot.checkoutRef }),
      ...(snapshot.gatewayPaymentId === undefined ? {} : { gatewayPaymentId: snapshot.gatewayPaymentId })
    }),
    amount: snapshot.amount,
    occurredAt: snapshot.observedAt,
    rawPayloadRef: inboxKey(snapshot.gateway, eventId)
  })
  const recorded = yield* GatewayEventInbox.use((inbox) =>
    inbox.record(
      new InboxRecord({
        gateway: snapshot.gateway,
        eventId,
        rawBody: JSON.stringify(Schema.encodeSync(GatewayEvent)(event)),
        headers: {
          [SNAPSHOT_SOURCE_HEADER]: actor.kind,
          ...(cause === undefined ? {} : { [SNAPSHOT_CAUSE_HEADER]: cause.id })
        },
        receivedAt: now,
        event,
        attempts: 0
      })
    )
  )
  // Asked before: the fact was recorded and applied (or is in the sweeper's hands) already.
  if (recorded === "duplicate") return "unchanged: already recorded"
  return yield* applyStoredFact(snapshot.gateway, eventId, actor)
})

export const reconcilerActor = new Actor({ kind: "reconciler" })
export const janitorActor = new Actor({ kind: "janitor" })
