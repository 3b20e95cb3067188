import { Effect } from "effect"
import { GatewayEventInbox, type InboxRecord } from "../ports/GatewayEventInbox.ts"
import { JobQueue } from "../ports/JobQueue.ts"

/**
 * Stores a verified delivery, then schedules its processing. The inbox insert is unique per
 * (gateway, event id), so a redelivery is a no-op; if the enqueue is lost, the sweeper finds the
 * stored-but-unprocessed record later.
 */
export const recordGatewayEvent = Effect.fn("recordGatewayEvent")(function* (record: InboxRecord) {
  const outcome = yield* GatewayEventInbox.use((inbox) => inbox.record(record))
  if (outcome === "recorded") {
    yield* JobQueue.use((jobs) =>
      jobs.enqueue({ _tag: "ProcessGatewayEvent", gateway: record.gateway, eventId: record.eventId })
    )
  }
  return outcome
})
