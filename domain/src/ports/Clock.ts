import { Context, type Effect } from "effect"

/** Wall-clock time for records and audit entries. The live one is `SystemClock` in the adapters. */
export class Clock extends Context.Service<Clock, { readonly now: Effect.Effect<Date> }>()(
  "certify/domain/ports/Clock"
) {}
