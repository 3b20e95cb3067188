import { Clock } from "@certify/domain"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect } from "effect"
import { TestClock } from "effect/testing"
import * as SystemClock from "./SystemClock.ts"

const now = Clock.use((clock) => clock.now)

describe("SystemClock", () => {
  it.live("reads the wall clock", () =>
    Effect.gen(function* () {
      const before = Date.now()
      const read = yield* now
      assert.isAtLeast(read.getTime(), before)
      assert.isAtMost(read.getTime(), Date.now())
    }).pipe(Effect.provide(SystemClock.layer))
  )

  it.effect("follows Effect's clock, so a test or simulation can move time", () =>
    Effect.gen(function* () {
      const start = yield* now
      yield* TestClock.adjust(Duration.hours(2))
      assert.strictEqual((yield* now).getTime() - start.getTime(), 2 * 60 * 60 * 1000)
    }).pipe(Effect.provide(SystemClock.layer))
  )
})
