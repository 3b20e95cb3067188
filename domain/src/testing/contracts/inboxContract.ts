import { assert, layer } from "@effect/vitest"
import { Effect, type Layer, Option } from "effect"
import { GatewayEvent, PaymentReference } from "../../model/GatewayEvent.ts"
import { Money } from "../../model/Money.ts"
import { GatewayEventInbox, InboxRecord } from "../../ports/GatewayEventInbox.ts"
import { ids } from "./ids.ts"

export const inboxRecord = (receivedAt = new Date("2026-11-01T00:00:00Z")) => {
  const eventId = ids.event()
  return new InboxRecord({
    gateway: "stripe",
    eventId,
    rawBody: `{"id":"${eventId}","type":"checkout.session.completed","amount":4900}`,
    headers: { "stripe-signature": "t=1,v1=abc", "x.odd.header": "kept", $dollar: "kept too" },
    receivedAt,
    event: new GatewayEvent({
      eventId,
      gateway: "stripe",
      kind: "payment_succeeded",
      gatewayType: "checkout.session.completed",
      reference: new PaymentReference({ paymentId: ids.payment(), checkoutRef: "cs_1" }),
      amount: new Money({ amount: 4900, currency: "USD" }),
      occurredAt: receivedAt,
      rawPayloadRef: `stripe:${eventId}`
    }),
    attempts: 0
  })
}

export const inboxContract = (name: string, ledger: Layer.Layer<GatewayEventInbox, unknown>) =>
  layer(ledger)(`GatewayEventInbox contract: ${name}`, (it) => {
    it.effect("keeps the raw body and headers exactly as received; a redelivery is a duplicate", () =>
      Effect.gen(function* () {
        const inbox = yield* GatewayEventInbox
        const record = inboxRecord()
        assert.strictEqual(yield* inbox.record(record), "recorded")
        assert.strictEqual(yield* inbox.record(record), "duplicate")
        const stored = Option.getOrThrow(yield* inbox.get(record.gateway, record.eventId))
        assert.strictEqual(stored.rawBody, record.rawBody)
        assert.deepStrictEqual(stored.headers, record.headers)
        assert.deepStrictEqual(stored.event, record.event)
      })
    )

    it.effect("50 concurrent deliveries of one event store one record", () =>
      Effect.gen(function* () {
        const inbox = yield* GatewayEventInbox
        const record = inboxRecord()
        const outcomes = yield* Effect.all(
          Array.from({ length: 50 }, () => inbox.record(record)),
          { concurrency: "unbounded" }
        )
        assert.strictEqual(outcomes.filter((o) => o === "recorded").length, 1)
      })
    )

    it.effect(
      "unprocessed events are listed for the sweeper until marked processed; failures count attempts",
      () =>
        Effect.gen(function* () {
          const inbox = yield* GatewayEventInbox
          const record = inboxRecord(new Date("2020-01-01T00:00:00Z"))
          yield* inbox.record(record)
          const cutoff = new Date("2020-01-02T00:00:00Z")
          assert.isTrue(
            (yield* inbox.listUnprocessed(cutoff, 1000)).some((r) => r.eventId === record.eventId)
          )
          yield* inbox.markFailed(record.gateway, record.eventId, "renderer down", cutoff)
          const failed = Option.getOrThrow(yield* inbox.get(record.gateway, record.eventId))
          assert.strictEqual(failed.attempts, 1)
          assert.strictEqual(failed.lastError, "renderer down")
          yield* inbox.markProcessed(record.gateway, record.eventId, "applied", cutoff)
          assert.isFalse(
            (yield* inbox.listUnprocessed(cutoff, 1000)).some((r) => r.eventId === record.eventId)
          )
          const processed = Option.getOrThrow(yield* inbox.get(record.gateway, record.eventId))
          assert.deepStrictEqual([processed.outcome, processed.processedAt], ["applied", cutoff])
        })
    )
  })
