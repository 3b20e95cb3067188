import { Context, type Effect, Schema } from "effect"
import { Gateway } from "../model/Gateway.ts"

/**
 * Who started a run. Only scheduled runs move the watermark: an operator's narrow window ("since 1h")
 * must not make the next scheduled run skip what lies between the old watermark and that window.
 */
export const ReconciliationTrigger = Schema.Literals(["scheduled", "manual"])
export type ReconciliationTrigger = typeof ReconciliationTrigger.Type

/** One pass over a gateway's payments in a time window, and what it found. */
export class ReconciliationRun extends Schema.Class<ReconciliationRun>("ReconciliationRun")({
  runId: Schema.String,
  gateway: Gateway,
  windowFrom: Schema.Date,
  windowTo: Schema.Date,
  startedAt: Schema.Date,
  durationMillis: Schema.Int,
  seen: Schema.Int,
  fixed: Schema.Int,
  flagged: Schema.Int,
  apiCalls: Schema.Int,
  outcome: Schema.Literals(["completed", "failed"]),
  error: Schema.optionalKey(Schema.String),
  /** Missing on runs recorded before triggers existed: those were scheduled runs. */
  trigger: Schema.optionalKey(ReconciliationTrigger)
}) {}

export class ReconciliationRuns extends Context.Service<
  ReconciliationRuns,
  {
    readonly record: (run: ReconciliationRun) => Effect.Effect<void>
    /**
     * Where the newest completed scheduled run of this gateway ended (manual runs never count): the
     * next scheduled window starts before it (overlap).
     */
    readonly watermark: (gateway: Gateway) => Effect.Effect<Date | undefined>
    readonly list: (limit: number) => Effect.Effect<ReadonlyArray<ReconciliationRun>>
  }
>()("certify/domain/ports/ReconciliationRuns") {}
