import { Effect } from "effect"
import { GatewayEventInbox, InboxRecord } from "../ports/GatewayEventInbox.ts"
import { JobQueue } from "../ports/JobQueue.ts"
import { decodeInput } from "./decodeInput.ts"

/**
 * Stores a verified delivery, then schedules its processing. The inbox insert is unique per
 * (gateway, event id), so a redelivery is a no-op; if the enqueue is lost, the sweeper finds the
 * stored-but-unprocessed record later. The record is decoded first: a malformed one (an unknown
 * gateway or currency, a negative amount, a bad id) is refused with InvalidInput before anything is stored.
 */
export const recordGatewayEvent = Effect.fn("recordGatewayEvent")(function* (raw: unknown) {
  const record = yield* decodeInput(InboxRecord, raw, "gateway event")
  const outcome = yield* GatewayEventInbox.use((inbox) => inbox.record(record))
  if (outcome === "recorded") {
    yield* JobQueue.use((jobs) =>
      jobs.enqueue({ _tag: "ProcessGatewayEvent", gateway: record.gateway, eventId: record.eventId })
    )
  }
  return outcome
})
