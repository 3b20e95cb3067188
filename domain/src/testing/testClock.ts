import { Effect, Clock as EffectClock, Layer } from "effect"
import { Clock } from "../ports/Clock.ts"

/** The domain tests' clock: reads Effect's clock, so `TestClock` drives every timestamp the use cases write. */
export const layerTestClock = Layer.succeed(
  Clock,
  Clock.of({ now: Effect.map(EffectClock.currentTimeMillis, (millis) => new Date(millis)) })
)
