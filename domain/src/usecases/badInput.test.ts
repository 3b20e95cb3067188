import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { CertificateOffer } from "../model/Catalog.ts"
import { Money } from "../model/Money.ts"
import {
  clickBuy,
  deliverEvent,
  drainJobs,
  EnqueuedJobs,
  GatewayControls,
  historyOf,
  layerMemoryAll
} from "../testing/index.ts"
import { startPurchase } from "./startPurchase.ts"
import { verifyCertificate } from "./verifyCertificate.ts"

const decodeError = <A>(schema: Schema.Codec<A, unknown>, input: unknown) =>
  Effect.flip(Schema.decodeUnknownEffect(schema)(input)).pipe(Effect.map((error) => error.message))

describe("bad input gets a typed, readable error and changes nothing", () => {
  it.effect("an unknown currency or a negative or fractional amount is refused", () =>
    Effect.gen(function* () {
      assert.match(
        yield* decodeError(Money, { amount: 4900, currency: "XYZ" }),
        /"USD" \| "INR" \| "EUR"|XYZ/
      )
      assert.match(
        yield* decodeError(Money, { amount: -5, currency: "USD" }),
        /positive whole number of minor units/
      )
      assert.match(
        yield* decodeError(Money, { amount: 49.99, currency: "USD" }),
        /integer|positive whole number/
      )
      assert.match(
        yield* decodeError(CertificateOffer, { offerId: "o1", courseId: "c1", prices: [] }),
        /at least one price/
      )
    })
  )

  it.effect("a malformed id in a purchase request is refused before anything is written", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        startPurchase({
          learnerId: "../../etc/passwd",
          courseId: "ts-101",
          gateway: "stripe",
          requestId: "req-1"
        })
      )
      assert.strictEqual(error._tag, "InvalidInput")
      assert.match(error.message, /LearnerId must be 1-80 characters/)
      const unknownGateway = yield* Effect.flip(
        startPurchase({ learnerId: "ada", courseId: "ts-101", gateway: "paypal", requestId: "req-2" })
      )
      assert.strictEqual(unknownGateway._tag, "InvalidInput")
      assert.strictEqual(yield* GatewayControls.use((g) => g.checkoutsCreated), 0)
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("an unknown event type is stored, explicitly ignored, and moves nothing", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ada", "ts-101", "stripe")
      yield* deliverEvent({
        gateway: "stripe",
        eventId: "evt_customer",
        kind: "unknown",
        paymentId: started.paymentId
      })
      const outcomes = yield* drainJobs
      assert.match(outcomes.join("\n"), /ignored: unknown event type customer.created/)
      assert.lengthOf(yield* historyOf("payment", started.paymentId), 1)
      assert.lengthOf(yield* EnqueuedJobs.use((q) => q.peek), 0)
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("a malformed or unknown certificate id gets the same not-found answer", () =>
    Effect.gen(function* () {
      const malformed = yield* Effect.flip(verifyCertificate("<script>"))
      const unknown = yield* Effect.flip(verifyCertificate("ABCD-EFGH-JKMN-PQRS"))
      assert.strictEqual(malformed._tag, "CertificateNotFound")
      assert.deepStrictEqual(malformed, unknown)
    }).pipe(Effect.provide(layerMemoryAll()))
  )
})
