import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { verifyChain } from "../audit/AuditChain.ts"
import { Money } from "../model/Money.ts"
import { deliverEvent } from "../testing/deliverEvent.ts"
import {
  clickBuy,
  drainJobs,
  EnqueuedJobs,
  GatewayControls,
  historyOf,
  layerMemoryAll,
  SentEmails,
  snapshotOf
} from "../testing/index.ts"
import { explain } from "./explain.ts"
import { verifyCertificate } from "./verifyCertificate.ts"

describe("a learner buys a certificate", () => {
  it.effect("paid through a signed webhook: one entitlement, one issued certificate, one email", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ada", "ts-101", "stripe")
      assert.isFalse(started.reused)
      yield* deliverEvent({
        gateway: "stripe",
        eventId: "evt_paid",
        kind: "payment_succeeded",
        paymentId: started.paymentId,
        amount: new Money({ amount: 4900, currency: "USD" })
      })
      yield* drainJobs
      const { entitlement, certificate } = yield* snapshotOf("ada", "ts-101")
      assert.strictEqual(entitlement?.status, "granted")
      assert.strictEqual(certificate?.status, "issued")
      assert.lengthOf(yield* SentEmails.use((s) => s.all), 1)
      const certificateId = certificate?.certificateId ?? ""
      const verified = yield* verifyCertificate(certificateId)
      assert.strictEqual(verified.status, "valid")
      assert.strictEqual(verified.printedName, "Ada Lovelace")
      const story = yield* explain("payment", started.paymentId)
      assert.deepStrictEqual(
        story.entries.map((e) => `${e.from}->${e.to}`),
        ["created->pending", "pending->succeeded"]
      )
      assert.deepStrictEqual(story.chain.breaks, [])
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("a double click returns the same open checkout", () =>
    Effect.gen(function* () {
      const first = yield* clickBuy("ada", "ts-101", "stripe")
      const clicks = yield* Effect.all(
        Array.from({ length: 20 }, () => clickBuy("ada", "ts-101", "stripe")),
        { concurrency: "unbounded" }
      )
      for (const again of clicks) assert.strictEqual(again.checkoutUrl, first.checkoutUrl)
      assert.strictEqual(yield* GatewayControls.use((g) => g.checkoutsCreated), 1)
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("a duplicate webhook is acknowledged and changes nothing", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ravi", "pay-201", "razorpay")
      const spec = {
        gateway: "razorpay",
        eventId: "evt_dup",
        kind: "payment_succeeded",
        paymentId: started.paymentId
      } as const
      assert.strictEqual(yield* deliverEvent(spec), "recorded")
      assert.strictEqual(yield* deliverEvent(spec), "duplicate")
      yield* drainJobs
      assert.strictEqual(yield* deliverEvent(spec), "duplicate")
      assert.lengthOf(yield* EnqueuedJobs.use((q) => q.peek), 0)
      assert.lengthOf(yield* historyOf("payment", started.paymentId), 2)
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("an already granted entitlement is refused with a clear error", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ada", "pay-201", "stripe")
      yield* deliverEvent({
        gateway: "stripe",
        eventId: "evt_1",
        kind: "payment_succeeded",
        paymentId: started.paymentId
      })
      yield* drainJobs
      const again = yield* Effect.exit(clickBuy("ada", "pay-201", "razorpay"))
      assert.isTrue(Exit.isFailure(again))
      const error = yield* Effect.flip(clickBuy("ada", "pay-201", "razorpay"))
      assert.strictEqual(error._tag, "EntitlementAlreadyGranted")
      assert.match(error.message, /already owns the certificate/)
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("a gateway outage answers payment unavailable and leaves no checkout that could charge", () =>
    Effect.gen(function* () {
      yield* GatewayControls.use((g) => g.setOutage("stripe", true))
      const error = yield* Effect.flip(clickBuy("ada", "ts-101", "stripe"))
      assert.strictEqual(error._tag, "PaymentUnavailable")
      assert.strictEqual(yield* GatewayControls.use((g) => g.checkoutsCreated), 0)
      const other = yield* clickBuy("ada", "ts-101", "razorpay")
      assert.match(other.checkoutUrl, /order_/)
      yield* GatewayControls.use((g) => g.setOutage("stripe", false))
      const recovered = yield* clickBuy("ada", "ts-101", "stripe")
      assert.match(recovered.checkoutUrl, /cs_/)
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("declined, retried, then paid: one payment succeeded, one entitlement", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ravi", "ts-101", "stripe")
      yield* deliverEvent({
        gateway: "stripe",
        eventId: "evt_declined",
        kind: "payment_failed",
        paymentId: started.paymentId
      })
      yield* drainJobs
      const retry = yield* clickBuy("ravi", "ts-101", "stripe")
      assert.strictEqual(retry.paymentId, started.paymentId)
      yield* deliverEvent({
        gateway: "stripe",
        eventId: "evt_paid",
        kind: "payment_succeeded",
        paymentId: started.paymentId
      })
      yield* drainJobs
      const { entitlement } = yield* snapshotOf("ravi", "ts-101")
      assert.strictEqual(entitlement?.status, "granted")
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("a refund after issue revokes the entitlement and the certificate, which still exists", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ada", "ts-101", "razorpay")
      yield* deliverEvent({
        gateway: "razorpay",
        eventId: "evt_paid",
        kind: "payment_succeeded",
        paymentId: started.paymentId
      })
      yield* drainJobs
      yield* deliverEvent({
        gateway: "razorpay",
        eventId: "evt_refund",
        kind: "payment_refunded",
        paymentId: started.paymentId
      })
      yield* drainJobs
      const { entitlement, certificate } = yield* snapshotOf("ada", "ts-101")
      assert.strictEqual(entitlement?.status, "revoked")
      assert.strictEqual(certificate?.status, "revoked")
      const verified = yield* verifyCertificate(certificate?.certificateId ?? "")
      assert.strictEqual(verified.status, "revoked")
      const chain = yield* verifyChain(
        certificate?.certificateId ?? "",
        yield* historyOf("certificate", certificate?.certificateId ?? "")
      )
      assert.deepStrictEqual(chain.breaks, [])
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("an amount mismatch is flagged for manual review, never granted", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ada", "ts-101", "stripe")
      yield* deliverEvent({
        gateway: "stripe",
        eventId: "evt_cheap",
        kind: "payment_succeeded",
        paymentId: started.paymentId,
        amount: new Money({ amount: 100, currency: "USD" })
      })
      const outcomes = yield* drainJobs
      assert.match(outcomes.join("\n"), /flagged: amount mismatch/)
      const { entitlement } = yield* snapshotOf("ada", "ts-101")
      assert.isUndefined(entitlement)
    }).pipe(Effect.provide(layerMemoryAll()))
  )
})
