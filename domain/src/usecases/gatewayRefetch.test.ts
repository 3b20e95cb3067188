import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Option, Schema } from "effect"
import type { Gateway } from "../model/Gateway.ts"
import { GatewayEvent, type GatewayEventKind, inboxKey, PaymentReference } from "../model/GatewayEvent.ts"
import { GatewayEventId, type PaymentId } from "../model/Ids.ts"
import type { PaymentStatus } from "../model/Payment.ts"
import { GatewayEventInbox, InboxRecord } from "../ports/GatewayEventInbox.ts"
import { GatewayPaymentSnapshot } from "../ports/PaymentGateways.ts"
import {
  clickBuy,
  drainJobs,
  GatewayControls,
  historyOf,
  layerMemoryAll,
  paymentOf,
  snapshotOf
} from "../testing/index.ts"
import { applyGatewayEvent } from "./applyGatewayEvent.ts"
import { recordGatewayEvent } from "./recordGatewayEvent.ts"

const eventId = (raw: string) => Schema.decodeUnknownSync(GatewayEventId)(raw)

/** A verified delivery as an adapter normalizes it, with only the references the payload carries. */
const deliver = (
  gateway: Gateway,
  id: string,
  kind: GatewayEventKind,
  reference: PaymentReference,
  withAmountOf?: PaymentId
) =>
  Effect.gen(function* () {
    const amount = withAmountOf === undefined ? undefined : (yield* paymentOf(withAmountOf)).amount
    const event = new GatewayEvent({
      eventId: eventId(id),
      gateway,
      kind,
      gatewayType: kind,
      reference,
      ...(amount === undefined ? {} : { amount }),
      occurredAt: new Date(),
      rawPayloadRef: inboxKey(gateway, eventId(id))
    })
    return yield* recordGatewayEvent(
      new InboxRecord({
        gateway,
        eventId: eventId(id),
        rawBody: "{}",
        headers: {},
        receivedAt: new Date(),
        event,
        attempts: 0
      })
    )
  })

/** What the gateway answers when asked about the payment now. */
const gatewaySays = (paymentId: PaymentId, status: PaymentStatus, gatewayPaymentId = `pay_${paymentId}`) =>
  Effect.gen(function* () {
    const payment = yield* paymentOf(paymentId)
    const snapshot = new GatewayPaymentSnapshot({
      gateway: payment.gateway,
      paymentId,
      ...(payment.checkoutRef === undefined ? {} : { checkoutRef: payment.checkoutRef }),
      gatewayPaymentId,
      status,
      amount: payment.amount,
      observedAt: new Date()
    })
    yield* GatewayControls.use((g) => g.setSnapshots([snapshot]))
  })

const byOurId = (paymentId: PaymentId) => new PaymentReference({ paymentId })

describe("order-sensitive gateway events are confirmed with the gateway before they count", () => {
  it.effect(
    "a refund delivered before its capture waits for the gateway, then refunds without granting",
    () =>
      Effect.gen(function* () {
        const started = yield* clickBuy("ada", "ts-101", "stripe")
        yield* GatewayControls.use((g) => g.setOutage("stripe", true))
        yield* deliver(
          "stripe",
          "evt_refund_early",
          "payment_refunded",
          byOurId(started.paymentId),
          started.paymentId
        )
        const whileDown = yield* Effect.exit(drainJobs)
        assert.isTrue(Exit.isFailure(whileDown))
        const stored = yield* GatewayEventInbox.use((i) => i.get("stripe", eventId("evt_refund_early")))
        assert.isUndefined(Option.getOrThrow(stored).processedAt)
        assert.match(Option.getOrThrow(stored).lastError ?? "", /PaymentUnavailable/)
        assert.strictEqual((yield* paymentOf(started.paymentId)).status, "pending")

        yield* GatewayControls.use((g) => g.setOutage("stripe", false))
        yield* gatewaySays(started.paymentId, "refunded")
        // The job's retry.
        assert.match(yield* applyGatewayEvent("stripe", eventId("evt_refund_early")), /^re-fetched: applied/)
        yield* deliver(
          "stripe",
          "evt_capture_late",
          "payment_succeeded",
          byOurId(started.paymentId),
          started.paymentId
        )
        yield* drainJobs
        assert.strictEqual((yield* paymentOf(started.paymentId)).status, "refunded")
        assert.isUndefined((yield* snapshotOf("ada", "ts-101")).entitlement)
        const last = (yield* historyOf("payment", started.paymentId)).at(-1)
        assert.strictEqual(last?.actor.kind, "webhook")
        assert.strictEqual(last?.cause.id, "stripe:evt_refund_early")
      }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("a failed attempt delivered after the gateway took the payment grants, not fails", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ravi", "ts-101", "razorpay")
      yield* gatewaySays(started.paymentId, "succeeded")
      yield* deliver("razorpay", "evt_failed_attempt", "payment_failed", byOurId(started.paymentId))
      yield* drainJobs
      assert.strictEqual((yield* paymentOf(started.paymentId)).status, "succeeded")
      assert.strictEqual((yield* snapshotOf("ravi", "ts-101")).entitlement?.status, "granted")
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("a Razorpay refund.processed without the payment entity is a full refund and revokes", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ravi", "ts-101", "razorpay")
      const captured = new PaymentReference({ paymentId: started.paymentId, gatewayPaymentId: "pay_R1" })
      yield* deliver("razorpay", "evt_captured", "payment_succeeded", captured, started.paymentId)
      yield* drainJobs
      assert.strictEqual((yield* snapshotOf("ravi", "ts-101")).entitlement?.status, "granted")

      yield* gatewaySays(started.paymentId, "refunded", "pay_R1")
      // Only `refund.payment_id` is known, and no amount: the adapter can only say "partial".
      const refundOnly = new PaymentReference({ gatewayPaymentId: "pay_R1" })
      yield* deliver("razorpay", "evt_refund_processed", "payment_partially_refunded", refundOnly)
      yield* drainJobs
      assert.strictEqual((yield* paymentOf(started.paymentId)).status, "refunded")
      assert.strictEqual((yield* snapshotOf("ravi", "ts-101")).entitlement?.status, "revoked")
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("when the gateway lists nothing for the payment, the signed event itself applies", () =>
    Effect.gen(function* () {
      const started = yield* clickBuy("ada", "ts-101", "stripe")
      yield* deliver("stripe", "evt_declined", "payment_failed", byOurId(started.paymentId))
      yield* drainJobs
      assert.strictEqual((yield* paymentOf(started.paymentId)).status, "failed")
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect(
    "an event of an unknown type is stored and ignored, without asking the gateway about a payment",
    () =>
      Effect.gen(function* () {
        const stranger = new PaymentReference({ gatewayPaymentId: "pay_not_ours" })
        yield* deliver("stripe", "evt_customer_created", "unknown", stranger)
        yield* drainJobs
        const stored = yield* GatewayEventInbox.use((i) => i.get("stripe", eventId("evt_customer_created")))
        assert.match(Option.getOrThrow(stored).outcome ?? "", /ignored/)
      }).pipe(Effect.provide(layerMemoryAll()))
  )
})
