import { Effect } from "effect"
import { Actor } from "../model/Actor.ts"
import { Clock } from "../ports/Clock.ts"
import { GatewayEventInbox } from "../ports/GatewayEventInbox.ts"
import { applyGatewayEvent } from "./applyGatewayEvent.ts"

/**
 * Re-processes events that were stored but not processed (a crash between the webhook's ack and its
 * job, or a lost enqueue). Each one is applied independently; a failure stays recorded for the next sweep.
 */
export const sweepInbox = Effect.fn("sweepInbox")(function* (delayMillis: number, limit = 100) {
  const now = yield* Clock.use((clock) => clock.now)
  const stale = yield* GatewayEventInbox.use((inbox) =>
    inbox.listUnprocessed(new Date(now.getTime() - delayMillis), limit)
  )
  const outcomes = yield* Effect.forEach(stale, (record) =>
    applyGatewayEvent(
      record.gateway,
      record.eventId,
      new Actor({ kind: "system", id: "inbox-sweeper" })
    ).pipe(
      Effect.map((outcome) => ({ eventId: record.eventId, outcome })),
      Effect.catch((error) => Effect.succeed({ eventId: record.eventId, outcome: `failed: ${error._tag}` }))
    )
  )
  return outcomes
})
