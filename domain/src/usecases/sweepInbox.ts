import { Effect } from "effect"
import { Actor } from "../model/Actor.ts"
import { inboxKey } from "../model/GatewayEvent.ts"
import { Clock } from "../ports/Clock.ts"
import { GatewayEventInbox, type InboxRecord } from "../ports/GatewayEventInbox.ts"
import { ManualReview, ReviewItem } from "../ports/ManualReview.ts"
import { applyGatewayEvent } from "./applyGatewayEvent.ts"

/**
 * Failed tries (its job's and the sweeper's) after which an event is parked: an event that can never
 * apply (its payment unknown to the ledger) would otherwise stay among the oldest unprocessed forever,
 * and enough of them would fill every sweep ahead of newer events. Above the job's own 8 runs, so an
 * outage that exhausts the job still leaves the sweeper a dozen tries; a payment whose event is parked
 * is still compared with the gateway by reconciliation.
 */
export const INBOX_MAX_ATTEMPTS = 20

export const PARKED_OUTCOME_PREFIX = "parked"

export interface SweptEvent {
  readonly gateway: InboxRecord["gateway"]
  readonly eventId: InboxRecord["eventId"]
  readonly outcome: string
  /** Given up on after INBOX_MAX_ATTEMPTS: marked processed with a "parked" outcome and flagged for review. */
  readonly parked: boolean
}

/** Stops retrying an event: recorded as its outcome (so no sweep selects it again) and put before a person. */
const park = (record: InboxRecord) =>
  Effect.gen(function* () {
    const now = yield* Clock.use((clock) => clock.now)
    const outcome = `${PARKED_OUTCOME_PREFIX} after ${record.attempts} failed attempts: ${record.lastError ?? "unknown error"}`
    // Flagged first: a crash before the mark leaves it selected, and the next sweep flags it again (a no-op).
    yield* ManualReview.use((review) =>
      review.flag(
        new ReviewItem({
          subjectId: inboxKey(record.gateway, record.eventId),
          reason: "unprocessable_event",
          details: outcome,
          flaggedAt: now
        })
      )
    )
    yield* GatewayEventInbox.use((inbox) => inbox.markProcessed(record.gateway, record.eventId, outcome, now))
    return outcome
  })

/**
 * Re-processes events that were stored but not processed (a crash between the webhook's ack and its
 * job, or a lost enqueue). Each one is applied independently; a failure stays recorded for the next
 * sweep, until the event has failed INBOX_MAX_ATTEMPTS times and is parked for manual review.
 */
export const sweepInbox = Effect.fn("sweepInbox")(function* (delayMillis: number, limit = 100) {
  const now = yield* Clock.use((clock) => clock.now)
  const stale = yield* GatewayEventInbox.use((inbox) =>
    inbox.listUnprocessed(new Date(now.getTime() - delayMillis), limit)
  )
  const sweeper = new Actor({ kind: "system", id: "inbox-sweeper" })
  return yield* Effect.forEach(stale, (record) => {
    const swept = { gateway: record.gateway, eventId: record.eventId }
    if (record.attempts >= INBOX_MAX_ATTEMPTS)
      return Effect.map(park(record), (outcome): SweptEvent => ({ ...swept, outcome, parked: true }))
    return applyGatewayEvent(record.gateway, record.eventId, sweeper).pipe(
      Effect.map((outcome): SweptEvent => ({ ...swept, outcome, parked: false })),
      Effect.catch((error) =>
        Effect.succeed<SweptEvent>({ ...swept, outcome: `failed: ${error._tag}`, parked: false })
      )
    )
  })
})
