import { Context, type Effect, type Option, Schema } from "effect"
import { Gateway } from "../model/Gateway.ts"
import { GatewayEvent } from "../model/GatewayEvent.ts"
import { GatewayEventId } from "../model/Ids.ts"

/** A verified gateway delivery, kept exactly as received so it can be re-read months later. */
export class InboxRecord extends Schema.Class<InboxRecord>("InboxRecord")({
  gateway: Gateway,
  eventId: GatewayEventId,
  rawBody: Schema.String,
  headers: Schema.Record(Schema.String, Schema.String),
  receivedAt: Schema.Date,
  /** `undefined` only if the body could not be normalized; the processor then reports it. */
  event: Schema.optionalKey(GatewayEvent),
  processedAt: Schema.optionalKey(Schema.Date),
  outcome: Schema.optionalKey(Schema.String),
  attempts: Schema.Int,
  lastError: Schema.optionalKey(Schema.String)
}) {}

/** Unique on (gateway, event id): the insert is what makes a redelivery harmless. */
export class GatewayEventInbox extends Context.Service<
  GatewayEventInbox,
  {
    readonly record: (record: InboxRecord) => Effect.Effect<"recorded" | "duplicate">
    readonly get: (gateway: Gateway, eventId: GatewayEventId) => Effect.Effect<Option.Option<InboxRecord>>
    readonly markProcessed: (
      gateway: Gateway,
      eventId: GatewayEventId,
      outcome: string,
      at: Date
    ) => Effect.Effect<void>
    readonly markFailed: (
      gateway: Gateway,
      eventId: GatewayEventId,
      error: string,
      at: Date
    ) => Effect.Effect<void>
    /** Stored but unprocessed, received before the cut-off: what the sweeper picks up again. */
    readonly listUnprocessed: (
      receivedBefore: Date,
      limit: number
    ) => Effect.Effect<ReadonlyArray<InboxRecord>>
  }
>()("certify/domain/ports/GatewayEventInbox") {}
