import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import { Actor } from "../model/Actor.ts"
import { CertificateOffer, Course, CourseCompletion } from "../model/Catalog.ts"
import { GatewayEventId, IntentId, OfferId } from "../model/Ids.ts"
import { Money } from "../model/Money.ts"
import { CheckoutIntent, PaymentStatus } from "../model/Payment.ts"
import { AuditLog } from "../ports/AuditLog.ts"
import { Catalog } from "../ports/Catalog.ts"
import { CheckoutIntents } from "../ports/CheckoutIntents.ts"
import { GatewayEventInbox } from "../ports/GatewayEventInbox.ts"
import { Payments } from "../ports/Payments.ts"
import {
  clickBuy,
  courseId,
  deliverEvent,
  demoCatalog,
  drainJobs,
  EnqueuedJobs,
  GatewayControls,
  historyOf,
  layerMemoryAll,
  learnerId
} from "../testing/index.ts"
import { applyGatewayEvent } from "./applyGatewayEvent.ts"
import { recordGatewayEvent } from "./recordGatewayEvent.ts"
import { recordOffer } from "./recordOffer.ts"
import { startPurchase } from "./startPurchase.ts"
import { verifyCertificate } from "./verifyCertificate.ts"

const decodeError = <A>(schema: Schema.Codec<A, unknown>, input: unknown) =>
  Effect.flip(Schema.decodeUnknownEffect(schema)(input)).pipe(Effect.map((error) => error.message))

const farFuture = new Date("2999-01-01T00:00:00Z")

/** Everything a use case could have written, counted through the ports: equal before and after means nothing changed. */
const footprint = Effect.gen(function* () {
  const payments = yield* Payments.use((p) => p.listByStatus(PaymentStatus.literals, farFuture, 10_000))
  const audit = yield* AuditLog.use((log) => log.scan(undefined, 10_000))
  const inbox = yield* GatewayEventInbox.use((i) => i.listUnprocessed(farFuture, 10_000))
  return {
    payments: payments.length,
    auditEntries: audit.entries.length,
    inboxRows: inbox.length,
    queuedJobs: (yield* EnqueuedJobs.use((q) => q.peek)).length,
    checkoutsCreated: yield* GatewayControls.use((g) => g.checkoutsCreated)
  }
})

/** True when no checkout intent exists for the learner and course (the probe itself opens one). */
const noIntentBefore = (learner: string, course: string) =>
  Effect.map(
    CheckoutIntents.use((intents) =>
      intents.openOrGet(
        new CheckoutIntent({
          intentId: Schema.decodeUnknownSync(IntentId)("int_probe"),
          learnerId: learnerId(learner),
          courseId: courseId(course),
          offerId: Schema.decodeUnknownSync(OfferId)("offer-probe"),
          createdAt: new Date()
        })
      )
    ),
    ({ created }) => created
  )

/** The demo catalog plus a completed course that has no offer yet, so offers can be reported for it. */
const catalogWithUnpricedCourse = {
  ...demoCatalog,
  courses: [...demoCatalog.courses, new Course({ courseId: courseId("ml-301"), title: "Machine Learning" })],
  completions: [
    ...demoCatalog.completions,
    new CourseCompletion({
      learnerId: learnerId("ada"),
      courseId: courseId("ml-301"),
      completedOn: "2026-11-02",
      printedName: "Ada Lovelace"
    })
  ]
}

const storedEvent = (overrides: Record<string, unknown>) => ({
  gateway: "stripe",
  eventId: "evt_bad",
  rawBody: "{}",
  headers: {},
  receivedAt: new Date("2026-11-20T10:00:00Z"),
  attempts: 0,
  event: {
    eventId: "evt_bad",
    gateway: "stripe",
    kind: "payment_succeeded",
    gatewayType: "checkout.session.completed",
    reference: { paymentId: "int_1_stripe_1" },
    amount: { amount: 4900, currency: "USD" },
    occurredAt: new Date("2026-11-20T10:00:00Z"),
    rawPayloadRef: "stripe:evt_bad"
  },
  ...overrides
})

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
      const before = yield* footprint
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
      const badCourse = yield* Effect.flip(
        startPurchase({ learnerId: "ada", courseId: "ts 101; drop", gateway: "stripe", requestId: "req-2" })
      )
      assert.strictEqual(badCourse._tag, "InvalidInput")
      assert.match(badCourse.message, /CourseId/)
      const unknownGateway = yield* Effect.flip(
        startPurchase({ learnerId: "ada", courseId: "ts-101", gateway: "paypal", requestId: "req-3" })
      )
      assert.strictEqual(unknownGateway._tag, "InvalidInput")
      assert.deepStrictEqual(yield* footprint, before)
      assert.isTrue(yield* noIntentBefore("ada", "ts-101"))
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect(
    "an offer in an unknown currency, at a negative amount or priced twice in one currency is refused, and the course stays unpurchasable",
    () =>
      Effect.gen(function* () {
        const before = yield* footprint
        const offer = (prices: ReadonlyArray<unknown>) => ({
          offerId: "offer-ml-301",
          courseId: "ml-301",
          prices
        })
        const refusals = [
          [offer([{ amount: 4900, currency: "XYZ" }]), /"USD" \| "INR" \| "EUR"/],
          [offer([{ amount: -4900, currency: "USD" }]), /positive whole number of minor units/],
          [
            offer([
              { amount: 4900, currency: "USD" },
              { amount: 5900, currency: "USD" }
            ]),
            /at most one price per currency; repeated: USD/
          ]
        ] as const
        for (const [input, message] of refusals) {
          const error = yield* Effect.flip(recordOffer(input))
          assert.strictEqual(error._tag, "InvalidInput")
          assert.strictEqual(error.subject, "certificate offer")
          assert.match(error.message, message)
        }
        assert.isTrue(Option.isNone(yield* Catalog.use((c) => c.offerForCourse(courseId("ml-301")))))
        const unpriced = yield* Effect.flip(clickBuy("ada", "ml-301", "stripe"))
        assert.strictEqual(unpriced._tag, "OfferNotFound")

        // A well-formed offer with no price in the gateway's currency: refused at purchase, nothing opened.
        assert.strictEqual(yield* recordOffer(offer([{ amount: 4500, currency: "EUR" }])), "recorded")
        const noUsdPrice = yield* Effect.flip(clickBuy("ada", "ml-301", "stripe"))
        assert.strictEqual(noUsdPrice._tag, "PriceUnavailable")
        assert.deepStrictEqual(yield* footprint, before)
        assert.isTrue(yield* noIntentBefore("ada", "ml-301"))
      }).pipe(Effect.provide(layerMemoryAll(catalogWithUnpricedCourse)))
  )

  it.effect("a malformed gateway event is refused before it reaches the inbox", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ada", "ts-101", "stripe")
      const before = yield* footprint
      const malformed = [
        [storedEvent({ gateway: "paypal" }), /"stripe" \| "razorpay"/],
        [storedEvent({ eventId: "" }), /GatewayEventId/],
        [storedEvent({ receivedAt: "yesterday" }), /Date/],
        [
          storedEvent({ event: { ...storedEvent({}).event, amount: { amount: -4900, currency: "USD" } } }),
          /positive whole number of minor units/
        ],
        [
          storedEvent({ event: { ...storedEvent({}).event, amount: { amount: 4900, currency: "XYZ" } } }),
          /"USD" \| "INR" \| "EUR"/
        ],
        [
          storedEvent({ event: { ...storedEvent({}).event, kind: "payment_teleported" } }),
          /payment_succeeded/
        ]
      ] as const
      for (const [input, message] of malformed) {
        const error = yield* Effect.flip(recordGatewayEvent(input))
        assert.strictEqual(error._tag, "InvalidInput")
        assert.strictEqual(error.subject, "gateway event")
        assert.match(error.message, message)
      }
      const id = Schema.decodeUnknownSync(GatewayEventId)("evt_bad")
      assert.isTrue(Option.isNone(yield* GatewayEventInbox.use((inbox) => inbox.get("stripe", id))))
      assert.deepStrictEqual(yield* footprint, before)
      assert.strictEqual((yield* historyOf("payment", started.paymentId)).length, 1)
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect(
    "applying an event that was never stored, or one that could not be normalized, moves nothing",
    () =>
      Effect.gen(function* () {
        const started = yield* clickBuy("ada", "ts-101", "stripe")
        const before = yield* footprint
        const missing = yield* Effect.flip(
          applyGatewayEvent("stripe", Schema.decodeUnknownSync(GatewayEventId)("evt_never_stored"))
        )
        assert.strictEqual(missing._tag, "InboxEventNotFound")
        assert.deepStrictEqual(yield* footprint, before)

        // Stored without a normalized event (the adapter could not read the payload): marked, never applied.
        const { event: _unreadable, ...unnormalized } = storedEvent({ eventId: "evt_unreadable" })
        assert.strictEqual(yield* recordGatewayEvent(unnormalized), "recorded")
        const unreadable = Schema.decodeUnknownSync(GatewayEventId)("evt_unreadable")
        assert.strictEqual(
          yield* applyGatewayEvent("stripe", unreadable, new Actor({ kind: "webhook", id: "stripe" })),
          "ignored: payload could not be normalized"
        )
        yield* EnqueuedJobs.use((q) => q.takeAll)
        assert.deepStrictEqual(yield* footprint, before)
        assert.strictEqual((yield* historyOf("payment", started.paymentId)).length, 1)
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
