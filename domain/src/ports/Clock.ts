import { Context, Effect, Clock as EffectClock, Layer } from "effect"

/** Wall-clock time for records and audit entries. */
export class Clock extends Context.Service<Clock, { readonly now: Effect.Effect<Date> }>()(
  "certify/domain/ports/Clock"
) {
  /** Effect's own clock, so tests and the simulation can drive it with TestClock. */
  static readonly layer = Layer.succeed(Clock, {
    now: Effect.map(EffectClock.currentTimeMillis, (millis) => new Date(millis))
  })
}
