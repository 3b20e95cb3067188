import { Context, type Effect, Schema } from "effect"
import { Gateway } from "../model/Gateway.ts"

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
  error: Schema.optionalKey(Schema.String)
}) {}

export class ReconciliationRuns extends Context.Service<
  ReconciliationRuns,
  {
    readonly record: (run: ReconciliationRun) => Effect.Effect<void>
    /** Where the last completed run of this gateway ended: the next window starts before it (overlap). */
    readonly watermark: (gateway: Gateway) => Effect.Effect<Date | undefined>
    readonly list: (limit: number) => Effect.Effect<ReadonlyArray<ReconciliationRun>>
  }
>()("certify/domain/ports/ReconciliationRuns") {}
