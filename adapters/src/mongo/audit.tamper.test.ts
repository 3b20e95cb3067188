import { explain, verifyAuditLog, verifySubjectChain } from "@certify/domain"
import { clickBuy, deliverEvent, drainJobs } from "@certify/domain/testing"
import { assert, layer } from "@effect/vitest"
import { Effect } from "effect"
import { databasePipeline } from "../testing/pipelineLayer.ts"
import { MongoConnection } from "./MongoConnection.ts"

const auditCollection = MongoConnection.useSync(({ connection }) => connection.model("AuditEntry").collection)

const paidThenRefunded = (learner: "ada" | "ravi", course: string, suffix: string) =>
  Effect.gen(function* () {
    const started = yield* clickBuy(learner, course, "razorpay")
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
        const edited = yield* paidThenRefunded("ravi", "ts-101", "a")
        const deleted = yield* paidThenRefunded("ravi", "pay-201", "b")
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

    it.effect("the per-subject check detects a deleted middle entry and a deleted newest entry", () =>
      Effect.gen(function* () {
        const middle = yield* paidThenRefunded("ada", "ts-101", "m")
        const newest = yield* paidThenRefunded("ada", "pay-201", "n")
        assert.deepStrictEqual((yield* verifySubjectChain("payment", middle)).breaks, [])
        assert.deepStrictEqual((yield* verifySubjectChain("payment", newest)).breaks, [])

        const collection = yield* auditCollection
        yield* Effect.promise(() => collection.deleteOne({ "subject.id": middle, seq: 2 }))
        yield* Effect.promise(() => collection.deleteOne({ "subject.id": newest, seq: 3 }))

        const afterMiddle = yield* verifySubjectChain("payment", middle)
        assert.deepStrictEqual(
          afterMiddle.breaks.map((b) => b._tag),
          ["MissingEntry", "BrokenLink"]
        )
        // The entry past the hole is still read, like the in-memory log does.
        assert.strictEqual(afterMiddle.entries, 2)
        assert.deepStrictEqual((yield* verifySubjectChain("payment", newest)).breaks, [
          { _tag: "Truncated", lastSeq: 2, expectedLastSeq: 3 }
        ])
        const explained = yield* explain("payment", newest)
        assert.deepStrictEqual(
          explained.chain.breaks.map((b) => b._tag),
          ["Truncated"]
        )
      })
    )
  }
)
