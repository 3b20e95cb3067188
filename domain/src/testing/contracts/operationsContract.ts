import { assert, layer } from "@effect/vitest"
import { Effect, type Layer } from "effect"
import { EmailDeliveries } from "../../ports/EmailDeliveries.ts"
import { JanitorChecks } from "../../ports/JanitorChecks.ts"
import { ManualReview, ReviewItem } from "../../ports/ManualReview.ts"
import { ReconciliationRun, ReconciliationRuns } from "../../ports/ReconciliationRuns.ts"
import { unique } from "./ids.ts"

export const operationsContract = (
  name: string,
  ledger: Layer.Layer<ManualReview | EmailDeliveries | ReconciliationRuns | JanitorChecks, unknown>
) =>
  layer(ledger)(`ManualReview and EmailDeliveries contract: ${name}`, (it) => {
    it.effect("a subject is flagged once per reason and listed until resolved", () =>
      Effect.gen(function* () {
        const review = yield* ManualReview
        const item = new ReviewItem({
          subjectId: unique("p"),
          reason: "amount_mismatch",
          details: "100 vs 4900",
          flaggedAt: new Date(0)
        })
        assert.strictEqual(yield* review.flag(item), "flagged")
        assert.strictEqual(yield* review.flag(item), "already_flagged")
        assert.isTrue(yield* review.isFlagged(item.subjectId))
        assert.isTrue((yield* review.listOpen(10_000)).some((i) => i.subjectId === item.subjectId))
      })
    )

    it.effect(
      "of two workers claiming one send, one wins; a stale or failed claim can be taken over; a sent one never",
      () =>
        Effect.gen(function* () {
          const deliveries = yield* EmailDeliveries
          const key = unique("mail")
          const t0 = new Date("2026-11-01T00:00:00Z")
          const claims = yield* Effect.all(
            [deliveries.claim(key, t0, 60_000), deliveries.claim(key, t0, 60_000)],
            {
              concurrency: "unbounded"
            }
          )
          assert.deepStrictEqual(claims.map((c) => c._tag).sort(), ["Claimed", "InProgress"])
          const later = new Date(t0.getTime() + 61_000)
          const takeover = yield* deliveries.claim(key, later, 60_000)
          assert.deepStrictEqual(takeover, { _tag: "Claimed", generation: 2 })
          yield* deliveries.markFailed(key, 2, "421 try later", false, later)
          const retry = yield* deliveries.claim(key, later, 60_000)
          assert.deepStrictEqual(retry, { _tag: "Claimed", generation: 3 })
          yield* deliveries.markSent(key, 3, later)
          assert.deepStrictEqual(
            yield* deliveries.claim(key, new Date(later.getTime() + 3_600_000), 60_000),
            { _tag: "AlreadySent" }
          )
        })
    )

    it.effect("a janitor checkpoint's cursor starts unset and only moves forward", () =>
      Effect.gen(function* () {
        const checks = yield* JanitorChecks
        const checkpoint = unique("cp")
        assert.isUndefined(yield* checks.cursor(checkpoint))
        yield* checks.advance(checkpoint, new Date(2000))
        yield* checks.advance(checkpoint, new Date(1000))
        assert.deepStrictEqual(yield* checks.cursor(checkpoint), new Date(2000))
        yield* checks.advance(checkpoint, new Date(3000))
        assert.deepStrictEqual(yield* checks.cursor(checkpoint), new Date(3000))
      })
    )

    it.effect(
      "a janitor checkpoint is claimed once; the reconciliation watermark is the newest completed scheduled window",
      () =>
        Effect.gen(function* () {
          const checks = yield* JanitorChecks
          const paymentId = unique("p")
          const claims = yield* Effect.all(
            Array.from({ length: 10 }, () => checks.claim(paymentId, "5m", new Date(0))),
            { concurrency: "unbounded" }
          )
          assert.strictEqual(claims.filter(Boolean).length, 1)
          const runs = yield* ReconciliationRuns
          const gateway = "razorpay" as const
          const run = (n: number, outcome: "completed" | "failed", trigger?: "scheduled" | "manual") =>
            new ReconciliationRun({
              runId: unique("run"),
              gateway,
              windowFrom: new Date(n * 1000),
              windowTo: new Date(9_000_000_000_000 + n * 1000),
              startedAt: new Date(n * 1000),
              durationMillis: 5,
              seen: 1,
              fixed: 0,
              flagged: 0,
              apiCalls: 1,
              outcome,
              ...(trigger === undefined ? {} : { trigger })
            })
          yield* runs.record(run(1, "completed"))
          yield* runs.record(run(2, "completed"))
          yield* runs.record(run(3, "failed"))
          assert.deepStrictEqual(yield* runs.watermark(gateway), new Date(9_000_000_000_000 + 2000))
          // A manual run never moves it, however late its window ends; a scheduled one does.
          yield* runs.record(run(5, "completed", "manual"))
          assert.deepStrictEqual(yield* runs.watermark(gateway), new Date(9_000_000_000_000 + 2000))
          yield* runs.record(run(4, "completed", "scheduled"))
          assert.deepStrictEqual(yield* runs.watermark(gateway), new Date(9_000_000_000_000 + 4000))
          const listed = (yield* runs.list(10_000)).find(
            (r) => r.windowTo.getTime() === 9_000_000_000_000 + 5000
          )
          assert.strictEqual(listed?.trigger, "manual")
        })
    )
  })
