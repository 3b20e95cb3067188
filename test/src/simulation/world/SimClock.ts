import { Duration, Effect, type Clock as EffectClock } from "effect"

/** 2026-11-02T09:00:00Z: after the fixtures' completion dates, so nothing is "in the future". */
export const SIM_EPOCH = Date.UTC(2026, 10, 2, 9)

/**
 * Virtual time. It moves only when the simulation advances it or an effect sleeps: a sleep
 * (a retry's backoff) jumps the clock forward instead of waiting, so runs are fast and repeatable.
 * `SystemClock.layer` reads Effect's clock, so providing this one drives every timestamp.
 */
export class SimClock {
  millis: number

  constructor(start = SIM_EPOCH) {
    this.millis = start
  }

  advance(millis: number) {
    this.millis += Math.max(0, millis)
  }

  advanceTo(millis: number) {
    if (millis > this.millis) this.millis = millis
  }

  get now() {
    return new Date(this.millis)
  }

  readonly effectClock: EffectClock.Clock = {
    currentTimeMillisUnsafe: () => this.millis,
    currentTimeMillis: Effect.sync(() => this.millis),
    currentTimeNanosUnsafe: () => BigInt(this.millis) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(this.millis) * 1_000_000n),
    monotonicTimeNanosUnsafe: () => BigInt(this.millis) * 1_000_000n,
    monotonicTimeNanos: Effect.sync(() => BigInt(this.millis) * 1_000_000n),
    sleep: (duration) =>
      Effect.andThen(
        Effect.sync(() => this.advance(Duration.toMillis(duration))),
        Effect.yieldNow
      )
  }
}
