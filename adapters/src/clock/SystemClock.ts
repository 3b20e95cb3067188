import { Clock } from "@certify/domain"
import { Effect, Clock as EffectClock, Layer } from "effect"

/**
 * The domain's `Clock` from the process's wall clock. It reads Effect's clock (whose default is
 * `Date.now`) rather than `Date.now` itself, so a simulation that swaps Effect's clock, or a test
 * using TestClock, drives every timestamp the use cases write.
 */
export const layer = Layer.succeed(
  Clock,
  Clock.of({ now: Effect.map(EffectClock.currentTimeMillis, (millis) => new Date(millis)) })
)
