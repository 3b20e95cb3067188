import {
  applyGatewayEvent,
  Catalog,
  CertificateOffer,
  Course,
  CourseCompletion,
  currentState,
  GatewayEventId,
  type GatewayEventKind,
  Money,
  OfferId,
  type PaymentEvent,
  PaymentLedger,
  PaymentMachine,
  Payments,
  replay
} from "@certify/domain"
import {
  clickBuy,
  courseId,
  deliverEvent,
  drainJobs,
  historyOf,
  learnerId,
  snapshotOf
} from "@certify/domain/testing"
import { assert, layer } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import { databasePipeline } from "../testing/pipelineLayer.ts"
import { MongoConnection } from "./MongoConnection.ts"
import { seedCatalog } from "./repositories/MongoCatalog.ts"

const eventId = Schema.decodeUnknownSync(GatewayEventId)
const machineEvent: Record<GatewayEventKind, PaymentEvent | undefined> = {
  payment_succeeded: { _tag: "PaymentSucceeded" },
  payment_failed: { _tag: "PaymentFailed" },
  checkout_expired: { _tag: "CheckoutExpired" },
  payment_partially_refunded: { _tag: "PaymentPartiallyRefunded" },
  payment_refunded: { _tag: "PaymentRefunded" },
  dispute_opened: { _tag: "DisputeOpened" },
  dispute_won: { _tag: "DisputeWon" },
  dispute_lost: { _tag: "DisputeLost" },
  unknown: undefined
}
const ROUNDS = 50
const seedRaceCourses = Effect.gen(function* () {
  const courses = Array.from({ length: ROUNDS }, (_, round) => courseId(`race-${round}`))
  yield* seedCatalog({
    learners: [],
    courses: courses.map((id) => new Course({ courseId: id, title: `Race ${id}` })),
    offers: courses.map(
      (id) =>
        new CertificateOffer({
          offerId: Schema.decodeUnknownSync(OfferId)(id),
          courseId: id,
          prices: [new Money({ amount: 4900, currency: "USD" })]
        })
    )
  })
  const catalog = yield* Catalog
  for (const id of courses) {
    yield* catalog.recordCompletion(
      new CourseCompletion({
        learnerId: learnerId("ada"),
        courseId: id,
        completedOn: "2026-11-01",
        printedName: "Ada Lovelace"
      })
    )
  }
})
const countInbox = (id: string) =>
  MongoConnection.use(({ connection }) =>
    Effect.promise(() => connection.model("InboxRecord").countDocuments({ eventId: id }).exec())
  )

layer(databasePipeline("concurrency"), { timeout: "120 seconds" })(
  "ledger concurrency on the real database",
  (it) => {
    it.effect(
      "50 concurrent deliveries of one event: one state change, one audit entry, one inbox record",
      () =>
        Effect.gen(function* () {
          const started = yield* clickBuy("ada", "ts-101", "stripe")
          const spec = {
            gateway: "stripe",
            eventId: "evt_concurrent_1",
            kind: "payment_succeeded",
            paymentId: started.paymentId
          } as const
          const outcomes = yield* Effect.all(
            Array.from({ length: 50 }, () =>
              Effect.andThen(deliverEvent(spec), () => applyGatewayEvent("stripe", eventId(spec.eventId)))
            ),
            { concurrency: "unbounded" }
          )
          const history = yield* historyOf("payment", started.paymentId)
          const succeeded = history.filter((entry) => entry.to === "succeeded")
          console.log(
            `50 deliveries -> ${succeeded.length} state change, ${yield* countInbox(spec.eventId)} inbox record, outcomes: ${new Set(outcomes).size} distinct`
          )
          assert.lengthOf(succeeded, 1)
          // One entry per real transition and nothing else: the checkout opening, then the success.
          assert.deepStrictEqual(
            history.map((entry) => `${entry.from}->${entry.to}`),
            ["created->pending", "pending->succeeded"]
          )
          assert.strictEqual(yield* countInbox(spec.eventId), 1)
          yield* drainJobs
          const { entitlement, certificate } = yield* snapshotOf("ada", "ts-101")
          assert.strictEqual(entitlement?.status, "granted")
          assert.strictEqual(certificate?.status, "issued")
          assert.lengthOf(yield* historyOf("entitlement", entitlement?.entitlementId ?? ""), 1)
        })
    )

    it.effect("20 concurrent purchase clicks give one open intent and one checkout", () =>
      Effect.gen(function* () {
        const clicks = yield* Effect.all(
          Array.from({ length: 20 }, () => clickBuy("ravi", "ts-101", "razorpay")),
          {
            concurrency: "unbounded"
          }
        )
        console.log(
          `20 clicks -> ${new Set(clicks.map((c) => c.intentId)).size} intent, ${new Set(clicks.map((c) => c.paymentId)).size} payment`
        )
        assert.strictEqual(new Set(clicks.map((c) => c.intentId)).size, 1)
        assert.strictEqual(new Set(clicks.map((c) => c.paymentId)).size, 1)
        assert.strictEqual(new Set(clicks.map((c) => c.checkoutUrl)).size, 1)
      })
    )

    it.effect(
      "different events racing on one payment, 50 times over, never lose an update",
      () =>
        Effect.gen(function* () {
          const pairs: ReadonlyArray<readonly [GatewayEventKind, GatewayEventKind]> = [
            ["payment_succeeded", "payment_refunded"],
            ["payment_failed", "payment_succeeded"],
            ["payment_succeeded", "dispute_lost"],
            ["checkout_expired", "payment_succeeded"],
            ["dispute_opened", "dispute_won"]
          ]
          yield* seedRaceCourses
          let mismatches = 0
          let staleDocuments = 0
          let rounds = 0
          for (let round = 0; round < ROUNDS; round++) {
            const pair = pairs[round % pairs.length] ?? pairs[0]
            if (pair === undefined) continue
            // Each round is its own learner/course purchase so the rounds are independent.
            const started = yield* clickBuy("ada", `race-${round}`, "stripe")
            rounds++
            const ids = pair.map((kind, i) => ({ kind, id: `evt_race_${round}_${i}` }))
            yield* Effect.all(
              ids.map(({ kind, id }) =>
                Effect.andThen(
                  deliverEvent({ gateway: "stripe", eventId: id, kind, paymentId: started.paymentId }),
                  () => applyGatewayEvent("stripe", eventId(id))
                )
              ),
              { concurrency: "unbounded" }
            )
            const expected = replay(PaymentMachine, [
              { _tag: "CheckoutOpened", checkoutRef: "cs" },
              ...pair.flatMap((kind) => machineEvent[kind] ?? [])
            ])
            const { state, version } = yield* currentState(PaymentLedger, started.paymentId)
            if (state !== expected) mismatches++
            // The document's projection must have caught up with the log too, whatever order it was written in.
            const stored = yield* Payments.use((payments) => payments.find(started.paymentId))
            if (Option.isNone(stored) || stored.value.status !== state || stored.value.version !== version)
              staleDocuments++
          }
          console.log(
            `racing pairs: ${mismatches} lost updates, ${staleDocuments} stale documents in ${rounds} rounds`
          )
          assert.strictEqual(rounds, ROUNDS)
          assert.strictEqual(mismatches, 0)
          assert.strictEqual(staleDocuments, 0)
        }),
      // 50 rounds of racing writes: seconds alone, much longer when the whole suite shares two cores.
      120_000
    )
  }
)
