import { assert, layer } from "@effect/vitest"
import { Effect, type Layer, Option } from "effect"
import { Money } from "../../model/Money.ts"
import { CheckoutIntent, Payment } from "../../model/Payment.ts"
import { CheckoutIntents } from "../../ports/CheckoutIntents.ts"
import { Payments } from "../../ports/Payments.ts"
import { ids } from "./ids.ts"

export const paymentDraft = (overrides: Partial<Payment> = {}) =>
  new Payment({
    paymentId: ids.payment(),
    intentId: ids.intent(),
    learnerId: ids.learner(),
    courseId: ids.course(),
    offerId: ids.offer(),
    gateway: "stripe",
    attempt: 1,
    amount: new Money({ amount: 4900, currency: "USD" }),
    status: "created",
    version: 0,
    createdAt: new Date("2026-11-01T00:00:00Z"),
    ...overrides
  })

/** What every Payments and CheckoutIntents implementation must do. */
export const paymentsContract = (name: string, ledger: Layer.Layer<Payments | CheckoutIntents, unknown>) =>
  layer(ledger)(`Payments and CheckoutIntents contract: ${name}`, (it) => {
    it.effect("a payment round-trips, and a second insert of the same id is refused as existing", () =>
      Effect.gen(function* () {
        const payments = yield* Payments
        const draft = paymentDraft()
        assert.strictEqual(yield* payments.insert(draft), "inserted")
        assert.strictEqual(yield* payments.insert(draft), "exists")
        assert.deepStrictEqual(Option.getOrThrow(yield* payments.find(draft.paymentId)), draft)
      })
    )

    it.effect("checkout and gateway payment references find the payment, and only within their gateway", () =>
      Effect.gen(function* () {
        const payments = yield* Payments
        const draft = paymentDraft()
        yield* payments.insert(draft)
        yield* payments.attachCheckout(draft.paymentId, `cs_${draft.paymentId}`, "https://pay.test/cs")
        yield* payments.attachGatewayPaymentId(draft.paymentId, `pi_${draft.paymentId}`)
        const byCheckout = yield* payments.findByCheckoutRef("stripe", `cs_${draft.paymentId}`)
        assert.strictEqual(Option.getOrThrow(byCheckout).checkoutUrl, "https://pay.test/cs")
        assert.isTrue(
          Option.isSome(yield* payments.findByGatewayPaymentId("stripe", `pi_${draft.paymentId}`))
        )
        assert.isTrue(Option.isNone(yield* payments.findByCheckoutRef("razorpay", `cs_${draft.paymentId}`)))
      })
    )

    // One reference, one payment: the first to claim it keeps it; a second claim writes nothing.
    it.effect("a reference another payment owns is not attached to a second payment", () =>
      Effect.gen(function* () {
        const payments = yield* Payments
        const first = paymentDraft()
        const second = paymentDraft()
        yield* payments.insert(first)
        yield* payments.insert(second)
        const ref = `ref_${first.paymentId}`
        yield* payments.attachCheckout(first.paymentId, `cs_${ref}`, "https://pay.test/first")
        yield* payments.attachGatewayPaymentId(first.paymentId, `pi_${ref}`)
        yield* payments.attachCheckout(second.paymentId, `cs_${ref}`, "https://pay.test/second")
        yield* payments.attachGatewayPaymentId(second.paymentId, `pi_${ref}`)
        const stored = Option.getOrThrow(yield* payments.find(second.paymentId))
        assert.deepStrictEqual(
          [stored.checkoutRef, stored.checkoutUrl, stored.gatewayPaymentId],
          [undefined, undefined, undefined]
        )
        const byRef = Option.getOrThrow(yield* payments.findByGatewayPaymentId("stripe", `pi_${ref}`))
        assert.strictEqual(byRef.paymentId, first.paymentId)
        assert.strictEqual(
          Option.getOrThrow(yield* payments.findByCheckoutRef("stripe", `cs_${ref}`)).checkoutUrl,
          "https://pay.test/first"
        )

        const racers = [paymentDraft(), paymentDraft()]
        for (const racer of racers) yield* payments.insert(racer)
        yield* Effect.all(
          racers.map((racer) => payments.attachGatewayPaymentId(racer.paymentId, `pi_race_${ref}`)),
          { concurrency: "unbounded" }
        )
        const holders = yield* Effect.forEach(racers, (racer) => payments.find(racer.paymentId))
        const holding = holders.map(Option.getOrThrow).filter((p) => p.gatewayPaymentId !== undefined)
        assert.lengthOf(holding, 1)
        const owner = Option.getOrThrow(yield* payments.findByGatewayPaymentId("stripe", `pi_race_${ref}`))
        assert.strictEqual(owner.paymentId, holding[0]?.paymentId)
      })
    )

    it.effect("the projection only moves forward by version", () =>
      Effect.gen(function* () {
        const payments = yield* Payments
        const draft = paymentDraft()
        yield* payments.insert(draft)
        yield* payments.project(draft.paymentId, "succeeded", 2)
        yield* payments.project(draft.paymentId, "pending", 1)
        const stored = Option.getOrThrow(yield* payments.find(draft.paymentId))
        assert.strictEqual(stored.status, "succeeded")
        assert.strictEqual(stored.version, 2)
      })
    )

    it.effect("by status: oldest first, within (createdAfter, createdBefore], up to the limit", () =>
      Effect.gen(function* () {
        const payments = yield* Payments
        // A stretch of time no other test writes in, so a shared database does not disturb the listing.
        const base = Date.UTC(2400, 0, 1) + Math.floor(Math.random() * 1e12)
        const at = (n: number) => new Date(base + n * 1000)
        const drafts = [3, 1, 2, 4].map((n) => paymentDraft({ status: "pending", createdAt: at(n) }))
        for (const draft of drafts) yield* payments.insert(draft)
        yield* payments.insert(paymentDraft({ status: "succeeded", createdAt: at(2) }))
        const ids = (list: ReadonlyArray<Payment>) => list.map((p) => p.createdAt.getTime())
        assert.deepStrictEqual(ids(yield* payments.listByStatus(["pending"], at(3), 10, at(1))), [
          at(2).getTime(),
          at(3).getTime()
        ])
        assert.deepStrictEqual(ids(yield* payments.listByStatus(["pending"], at(4), 2, at(0))), [
          at(1).getTime(),
          at(2).getTime()
        ])
      })
    )

    it.effect("attempts of one intent are listed in order", () =>
      Effect.gen(function* () {
        const payments = yield* Payments
        const first = paymentDraft()
        const second = paymentDraft({ ...first, paymentId: ids.payment(), attempt: 2 })
        yield* payments.insert(second)
        yield* payments.insert(first)
        const listed = yield* payments.listByIntent(first.intentId)
        assert.deepStrictEqual(
          listed.map((p) => p.attempt),
          [1, 2]
        )
      })
    )

    it.effect("20 concurrent opens of the same (learner, course, offer) return one intent", () =>
      Effect.gen(function* () {
        const intents = yield* CheckoutIntents
        const base = {
          learnerId: ids.learner(),
          courseId: ids.course(),
          offerId: ids.offer(),
          createdAt: new Date(0)
        }
        const results = yield* Effect.all(
          Array.from({ length: 20 }, () =>
            intents.openOrGet(new CheckoutIntent({ ...base, intentId: ids.intent() }))
          ),
          { concurrency: "unbounded" }
        )
        assert.strictEqual(new Set(results.map((r) => r.intent.intentId)).size, 1)
        assert.strictEqual(results.filter((r) => r.created).length, 1)
        const found = yield* intents.find(results[0]?.intent.intentId ?? ids.intent())
        assert.isTrue(Option.isSome(found))
      })
    )
  })
