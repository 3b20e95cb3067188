import { verifyAuditLog } from "@certify/domain"
import { clickBuy, deliverEvent, drainJobs } from "@certify/domain/testing"
import { assert, layer } from "@effect/vitest"
import { Effect } from "effect"
import { databasePipeline } from "../testing/pipelineLayer.ts"
import { MongoConnection } from "./MongoConnection.ts"

const auditCollection = MongoConnection.useSync(({ connection }) => connection.model("AuditEntry").collection)

const paidThenRefunded = (course: string, suffix: string) =>
  Effect.gen(function* () {
    const started = yield* clickBuy("ravi", course, "razorpay")
    yield* deliverEvent({
      gateway: "razorpay",
      eventId: `evt_paid_${suffix}`,
      kind: "payment_succeeded",
      paymentId: started.paymentId
    })
    yield* deliverEvent({
      gateway: "razorpay",
      eventId: `evt_refund_${suffix}`,
      kind: "payment_refunded",
      paymentId: started.paymentId
    })
    yield* drainJobs
    return started.paymentId
  })

layer(databasePipeline("tamper"), { timeout: "60 seconds" })(
  "the stored audit trail is tamper-evident",
  (it) => {
    it.effect("an intact log verifies; an edited entry and a deleted entry are each detected", () =>
      Effect.gen(function* () {
        const edited = yield* paidThenRefunded("ts-101", "a")
        const deleted = yield* paidThenRefunded("pay-201", "b")
        const clean = yield* verifyAuditLog(3)
        assert.deepStrictEqual(clean.broken, [])
        assert.isAtLeast(clean.subjects, 6)

        const collection = yield* auditCollection
        yield* Effect.promise(() =>
          collection.updateOne({ "subject.id": edited, seq: 2 }, { $set: { "actor.kind": "operator" } })
        )
        yield* Effect.promise(() => collection.deleteOne({ "subject.id": deleted, seq: 3 }))
        const tampered = yield* verifyAuditLog(3)
        const findings = Object.fromEntries(
          tampered.broken.map((r) => [r.subject, r.breaks.map((b) => b._tag)])
        )
        console.log("tamper findings", JSON.stringify(findings))
        assert.deepStrictEqual(findings[`payment:${edited}`], ["HashMismatch"])
        assert.deepStrictEqual(findings[`payment:${deleted}`], ["Truncated"])
      })
    )
  }
)
