import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Option } from "effect"
import { TestClock } from "effect/testing"
import type { Gateway } from "../model/Gateway.ts"
import type { PaymentId } from "../model/Ids.ts"
import { Money } from "../model/Money.ts"
import type { PaymentStatus } from "../model/Payment.ts"
import { ManualReview } from "../ports/ManualReview.ts"
import { GatewayPaymentSnapshot } from "../ports/PaymentGateways.ts"
import { Payments } from "../ports/Payments.ts"
import {
  clickBuy,
  drainJobs,
  GatewayControls,
  historyOf,
  layerMemoryAll,
  snapshotOf
} from "../testing/index.ts"
import { RECONCILIATION_OVERLAP_MILLIS, reconcileGateway } from "./reconcileGateway.ts"
import { runJanitor } from "./runJanitor.ts"

const snapshot = (
  gateway: Gateway,
  paymentId: PaymentId,
  status: PaymentStatus,
  amount = 4900,
  currency: Money["currency"] = "USD"
) =>
  Effect.map(
    Payments.use((p) => p.find(paymentId)),
    (payment) =>
      new GatewayPaymentSnapshot({
        gateway,
        paymentId,
        ...(Option.isSome(payment) && payment.value.checkoutRef
          ? { checkoutRef: payment.value.checkoutRef }
          : {}),
        gatewayPaymentId: `pay_${paymentId}`,
        status,
        amount: new Money({ amount, currency }),
        observedAt: new Date(0)
      })
  )

describe("reconciliation asks the gateway and repairs the ledger", () => {
  it.effect("a dropped webhook is found, the certificate issued, and a second run changes nothing", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ada", "ts-101", "stripe")
      yield* GatewayControls.use((g) =>
        Effect.flatMap(snapshot("stripe", started.paymentId, "succeeded"), (s) => g.setSnapshots([s]))
      )
      const first = yield* reconcileGateway("stripe", { from: new Date(-1), to: new Date(1) })
      yield* drainJobs
      assert.deepStrictEqual([first.seen, first.fixed, first.flagged, first.outcome], [1, 1, 0, "completed"])
      const { certificate } = yield* snapshotOf("ada", "ts-101")
      assert.strictEqual(certificate?.status, "issued")
      const history = yield* historyOf("payment", started.paymentId)
      assert.strictEqual(history.at(-1)?.actor.kind, "reconciler")
      const second = yield* reconcileGateway("stripe", { from: new Date(-1), to: new Date(1) })
      assert.deepStrictEqual([second.seen, second.fixed, second.flagged], [1, 0, 0])
      assert.lengthOf(yield* historyOf("payment", started.paymentId), history.length)
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("an amount mismatch lands in manual review and is never granted", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ravi", "ts-101", "razorpay")
      yield* GatewayControls.use((g) =>
        Effect.flatMap(snapshot("razorpay", started.paymentId, "succeeded", 100, "INR"), (s) =>
          g.setSnapshots([s])
        )
      )
      const run = yield* reconcileGateway("razorpay", { from: new Date(-1), to: new Date(1) })
      assert.strictEqual(run.flagged, 1)
      assert.isTrue(yield* ManualReview.use((r) => r.isFlagged(started.paymentId)))
      assert.isUndefined((yield* snapshotOf("ravi", "ts-101")).entitlement)
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("a manual narrow run does not move the watermark: the next scheduled run covers the gap", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ada", "ts-101", "stripe")
      const first = yield* reconcileGateway("stripe")
      assert.strictEqual(first.trigger, "scheduled")
      yield* TestClock.adjust("2 hours")
      // Seen by the gateway 30 minutes after the first run: after the watermark, before the manual window.
      const paid = yield* snapshot("stripe", started.paymentId, "succeeded")
      yield* GatewayControls.use((g) =>
        g.setSnapshots([
          new GatewayPaymentSnapshot({
            ...paid,
            observedAt: new Date(first.windowTo.getTime() + 30 * 60_000)
          })
        ])
      )
      const now = first.windowTo.getTime() + 2 * 60 * 60_000
      const manual = yield* reconcileGateway("stripe", {
        from: new Date(now - 10 * 60_000),
        to: new Date(now)
      })
      assert.deepStrictEqual([manual.trigger, manual.seen], ["manual", 0])
      yield* TestClock.adjust("15 minutes")
      const next = yield* reconcileGateway("stripe")
      assert.strictEqual(next.windowFrom.getTime(), first.windowTo.getTime() - RECONCILIATION_OVERLAP_MILLIS)
      assert.deepStrictEqual([next.trigger, next.seen, next.fixed], ["scheduled", 1, 1])
      assert.strictEqual(
        (yield* Payments.use((p) => p.find(started.paymentId))).pipe(Option.getOrThrow).status,
        "succeeded"
      )
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("a gateway outage is recorded as a failed run, not lost", () =>
    Effect.gen(function* () {
      yield* GatewayControls.use((g) => g.setOutage("stripe", true))
      const fiber = yield* Effect.forkChild(
        reconcileGateway("stripe", { from: new Date(-1), to: new Date(1) })
      )
      yield* TestClock.adjust("1 minute")
      const run = yield* Fiber.join(fiber)
      assert.strictEqual(run.outcome, "failed")
      assert.match(run.error ?? "", /PaymentUnavailable/)
    }).pipe(Effect.provide(layerMemoryAll()))
  )
})

describe("the janitor follows up stuck payments", () => {
  it.effect("asks the gateway at 5 minutes, then parks an unsettled payment for review after 5 days", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ada", "pay-201", "stripe")
      yield* TestClock.adjust("6 minutes")
      assert.deepStrictEqual(yield* runJanitor(), [])
      assert.deepStrictEqual(yield* runJanitor(), [])
      yield* TestClock.adjust("6 days")
      const parked = yield* runJanitor()
      assert.deepStrictEqual(parked, [`${started.paymentId}: parked for manual review`])
      assert.isTrue(yield* ManualReview.use((r) => r.isFlagged(started.paymentId)))
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("parked and already-checked payments never fill the page ahead of a newly due one", () =>
    Effect.gen(function* () {
      const old = [yield* clickBuy("ada", "ts-101", "stripe"), yield* clickBuy("ravi", "ts-101", "stripe")]
      yield* TestClock.adjust("6 days")
      const parked = yield* runJanitor(2)
      assert.sameMembers(
        parked,
        old.map((p) => `${p.paymentId}: parked for manual review`)
      )
      const fresh = yield* clickBuy("ada", "pay-201", "stripe")
      const payment = Option.getOrThrow(yield* Payments.use((p) => p.find(fresh.paymentId)))
      const paid = yield* snapshot(
        "stripe",
        fresh.paymentId,
        "succeeded",
        payment.amount.amount,
        payment.amount.currency
      )
      yield* GatewayControls.use((g) => g.setSnapshots([paid]))
      yield* TestClock.adjust("6 minutes")
      const outcomes = yield* runJanitor(2)
      assert.deepStrictEqual(outcomes, [`${fresh.paymentId}: applied: pending -> succeeded`])
      assert.deepStrictEqual(yield* runJanitor(2), [])
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("a payment the gateway reports paid is settled by the janitor", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ravi", "pay-201", "razorpay")
      yield* GatewayControls.use((g) =>
        Effect.flatMap(snapshot("razorpay", started.paymentId, "succeeded", 99900, "INR"), (s) =>
          g.setSnapshots([s])
        )
      )
      yield* TestClock.adjust("6 minutes")
      const outcomes = yield* runJanitor()
      assert.match(outcomes.join(), /applied: pending -> succeeded/)
      yield* drainJobs
      assert.strictEqual((yield* snapshotOf("ravi", "pay-201")).certificate?.status, "issued")
    }).pipe(Effect.provide(layerMemoryAll()))
  )
})
