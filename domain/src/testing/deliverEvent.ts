import { Effect, Schema } from "effect"
import type { Gateway } from "../model/Gateway.ts"
import { GatewayEvent, type GatewayEventKind, inboxKey, PaymentReference } from "../model/GatewayEvent.ts"
import { GatewayEventId, type PaymentId } from "../model/Ids.ts"
import type { Money } from "../model/Money.ts"
import { Clock } from "../ports/Clock.ts"
import { InboxRecord } from "../ports/GatewayEventInbox.ts"
import { recordGatewayEvent } from "../usecases/recordGatewayEvent.ts"

export interface EventSpec {
  readonly gateway: Gateway
  readonly eventId: string
  readonly kind: GatewayEventKind
  readonly paymentId: PaymentId
  readonly amount?: Money
}

/** A normalized event as a gateway adapter would produce it, stored in the inbox (jobs not yet run). */
export const deliverEvent = (spec: EventSpec) =>
  Effect.gen(function* () {
    const now = yield* Clock.use((clock) => clock.now)
    const eventId = Schema.decodeUnknownSync(GatewayEventId)(spec.eventId)
    const event = new GatewayEvent({
      eventId,
      gateway: spec.gateway,
      kind: spec.kind,
      gatewayType: spec.kind === "unknown" ? "customer.created" : spec.kind,
      reference: new PaymentReference({ paymentId: spec.paymentId }),
      ...(spec.amount === undefined ? {} : { amount: spec.amount }),
      occurredAt: now,
      rawPayloadRef: inboxKey(spec.gateway, eventId)
    })
    return yield* recordGatewayEvent(
      new InboxRecord({
        gateway: spec.gateway,
        eventId,
        rawBody: JSON.stringify({ id: spec.eventId, type: event.gatewayType }),
        headers: {},
        receivedAt: now,
        event,
        attempts: 0
      })
    )
  })
