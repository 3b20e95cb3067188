import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer, Option, Schema } from "effect"
import { TestClock } from "effect/testing"
import { PaymentId } from "../model/Ids.ts"
import { Money } from "../model/Money.ts"
import { GatewayEventInbox } from "../ports/GatewayEventInbox.ts"
import { type Job, jobKey } from "../ports/JobQueue.ts"
import { ManualReview, ReviewItem } from "../ports/ManualReview.ts"
import { GatewayPaymentSnapshot } from "../ports/PaymentGateways.ts"
import {
  clickBuy,
  deliverEvent,
  drainJobs,
  EnqueuedJobs,
  GatewayControls,
  historyOf,
  layerMemoryAll,
  MemoryOperatorActions,
  paymentOf,
  snapshotOf
} from "../testing/index.ts"
import { resolveReview } from "./operator/resolveReview.ts"
import { runJob } from "./runJob.ts"
import { INBOX_MAX_ATTEMPTS, sweepInbox } from "./sweepInbox.ts"

const paid = (learner: string, course: string, eventId: string) =>
  Effect.gen(function* () {
    const started = yield* clickBuy(learner, course, "stripe")
    const payment = yield* paymentOf(started.paymentId)
    yield* deliverEvent({
      gateway: "stripe",
      eventId,
      kind: "payment_succeeded",
      paymentId: started.paymentId,
      amount: payment.amount
    })
    return payment
  })

describe("the inbox sweeper gives up on an event that can never apply", () => {
  it.effect("after its attempts it is parked for review, and newer events behind it are processed", () =>
    Effect.gen(function* () {
      // An event for a payment the ledger does not know: it fails with PaymentNotFound every time.
      yield* deliverEvent({
        gateway: "stripe",
        eventId: "evt_orphan",
        kind: "payment_succeeded",
        paymentId: Schema.decodeUnknownSync(PaymentId)("pay_unknown_to_the_ledger"),
        amount: new Money({ amount: 4900, currency: "USD" })
      })
      yield* TestClock.adjust("1 second")
      const payment = yield* paid("ada", "ts-101", "evt_paid_later")
      yield* EnqueuedJobs.use((q) => q.takeAll) // the webhook jobs are lost: only the sweeper is left
      const sweeps: Array<ReadonlyArray<{ eventId: string; parked: boolean }>> = []
      for (let i = 0; i < INBOX_MAX_ATTEMPTS + 2; i++) {
        yield* TestClock.adjust("1 minute")
        sweeps.push(yield* sweepInbox(0, 1)) // a page of one: the orphan is always first in line
      }
      assert.deepStrictEqual(
        sweeps.slice(0, INBOX_MAX_ATTEMPTS).map((s) => s.map((e) => e.eventId)),
        Array.from({ length: INBOX_MAX_ATTEMPTS }, () => ["evt_orphan"])
      )
      assert.deepStrictEqual(
        sweeps[INBOX_MAX_ATTEMPTS]?.map((e) => [e.eventId, e.parked]),
        [["evt_orphan", true]]
      )
      assert.deepStrictEqual(
        sweeps[INBOX_MAX_ATTEMPTS + 1]?.map((e) => [e.eventId, e.parked]),
        [["evt_paid_later", false]]
      )
      assert.strictEqual((yield* paymentOf(payment.paymentId)).status, "succeeded")
      const orphan = Option.getOrThrow(
        yield* GatewayEventInbox.use((inbox) => inbox.get("stripe", "evt_orphan" as never))
      )
      assert.match(orphan.outcome ?? "", /^parked after 20 failed attempts: PaymentNotFound/)
      const review = yield* ManualReview.use((r) => r.find("stripe:evt_orphan", "unprocessable_event"))
      assert.isTrue(Option.isSome(review))
      yield* TestClock.adjust("1 minute")
      assert.deepStrictEqual(yield* sweepInbox(0, 100), [])
    }).pipe(Effect.provide(layerMemoryAll()))
  )
})

describe("an operator's refund is followed up until the gateway reports it", () => {
  it.effect("the refund webhook never arrives: the follow-up job records the refund and revokes", () =>
    Effect.gen(function* () {
      const payment = yield* paid("ada", "ts-101", "evt_paid")
      yield* drainJobs
      assert.strictEqual((yield* snapshotOf("ada", "ts-101")).entitlement?.status, "granted")
      yield* ManualReview.use((r) =>
        r.flag(
          new ReviewItem({
            subjectId: payment.paymentId,
            reason: "duplicate_payment",
            details: "x",
            flaggedAt: new Date(0)
          })
        )
      )
      const gatewaySays = (status: "succeeded" | "refunded") =>
        GatewayControls.use((g) =>
          g.setSnapshots([
            new GatewayPaymentSnapshot({
              gateway: "stripe",
              paymentId: payment.paymentId,
              ...(payment.checkoutRef === undefined ? {} : { checkoutRef: payment.checkoutRef }),
              status,
              amount: payment.amount,
              observedAt: new Date(0)
            })
          ])
        )
      yield* gatewaySays("succeeded")
      yield* resolveReview({
        operatorId: "ops",
        note: "refund the duplicate charge",
        requestId: "req-refund-1",
        subjectId: payment.paymentId,
        reason: "duplicate_payment",
        decision: "refund_and_revoke"
      })
      const followUp: Job = { _tag: "ConfirmRefund", paymentId: payment.paymentId }
      assert.deepStrictEqual((yield* EnqueuedJobs.use((q) => q.takeAll)).map(jobKey), [jobKey(followUp)])
      // The gateway has not processed it yet: the job fails, so the queue retries it with backoff.
      const early = yield* Effect.exit(
        Effect.gen(function* () {
          return yield* runJob(followUp)
        })
      )
      assert.isTrue(Exit.isFailure(early))
      assert.match(String(early), /RefundNotConfirmed/)
      assert.strictEqual((yield* paymentOf(payment.paymentId)).status, "succeeded")

      yield* gatewaySays("refunded")
      assert.match(yield* runJob(followUp), /^refund confirmed \(refunded\)/)
      yield* drainJobs
      assert.strictEqual((yield* paymentOf(payment.paymentId)).status, "refunded")
      const { entitlement, certificate } = yield* snapshotOf("ada", "ts-101")
      assert.strictEqual(entitlement?.status, "revoked")
      assert.strictEqual(certificate?.status, "revoked")
      const history = yield* historyOf("payment", payment.paymentId)
      assert.deepStrictEqual([history.at(-1)?.to, history.at(-1)?.actor.id], ["refunded", "refund-follow-up"])
      // Run again (a retry, or a second worker): nothing more happens.
      assert.match(yield* runJob(followUp), /^refund confirmed/)
      assert.lengthOf(yield* historyOf("payment", payment.paymentId), history.length)
    }).pipe(Effect.provide(Layer.merge(layerMemoryAll(), MemoryOperatorActions.layerMemory)))
  )
})
