import { assert, layer } from "@effect/vitest"
import { Effect, type Layer } from "effect"
import { Actor, Cause } from "../../model/Actor.ts"
import { AuditEntry, GENESIS_HASH, SubjectRef } from "../../model/AuditEntry.ts"
import { AuditLog } from "../../ports/AuditLog.ts"
import { Payments } from "../../ports/Payments.ts"
import { unique } from "./ids.ts"
import { paymentDraft } from "./paymentsContract.ts"

const entry = (subject: SubjectRef, seq: number, to: string) =>
  new AuditEntry({
    subject,
    seq,
    event: { _tag: "PaymentSucceeded", gatewayPaymentId: "pi_1" },
    from: "pending",
    to,
    actor: new Actor({ kind: "webhook", id: "stripe" }),
    cause: new Cause({ kind: "gateway_event", id: "stripe:evt_1" }),
    at: new Date("2026-11-01T00:00:00Z"),
    prevHash: GENESIS_HASH,
    hash: "f".repeat(64)
  })

export const auditLogContract = (name: string, ledger: Layer.Layer<AuditLog | Payments, unknown>) =>
  layer(ledger)(`AuditLog contract: ${name}`, (it) => {
    it.effect("an entry round-trips, and a second entry at the same (subject, seq) is refused", () =>
      Effect.gen(function* () {
        const log = yield* AuditLog
        const subject = new SubjectRef({ type: "payment", id: unique("p") })
        yield* log.append(entry(subject, 1, "succeeded"))
        const taken = yield* Effect.flip(log.append(entry(subject, 1, "failed")))
        assert.strictEqual(taken._tag, "AuditSequenceTaken")
        assert.deepStrictEqual(yield* log.history(subject), [entry(subject, 1, "succeeded")])
      })
    )

    it.effect("of 50 concurrent appends at the next seq, exactly one wins", () =>
      Effect.gen(function* () {
        const log = yield* AuditLog
        const subject = new SubjectRef({ type: "payment", id: unique("p") })
        const results = yield* Effect.all(
          Array.from({ length: 50 }, (_, i) => Effect.exit(log.append(entry(subject, 1, `s${i}`)))),
          { concurrency: "unbounded" }
        )
        assert.strictEqual(results.filter((r) => r._tag === "Success").length, 1)
        assert.lengthOf(yield* log.history(subject), 1)
      })
    )

    it.effect("history is in seq order and scan pages through every entry in key order", () =>
      Effect.gen(function* () {
        const log = yield* AuditLog
        const subject = new SubjectRef({ type: "certificate", id: unique("c") })
        for (const seq of [2, 1, 3]) yield* log.append(entry(subject, seq, `s${seq}`))
        assert.deepStrictEqual(
          (yield* log.history(subject)).map((e) => e.seq),
          [1, 2, 3]
        )
        const seen: Array<string> = []
        let cursor: string | undefined
        do {
          const page = yield* log.scan(cursor, 2)
          seen.push(...page.entries.filter((e) => e.subject.id === subject.id).map((e) => e.to))
          cursor = page.next
        } while (cursor !== undefined)
        assert.deepStrictEqual(seen, ["s1", "s2", "s3"])
      })
    )

    // A deleted entry must read as a hole in the chain, not as the end of the subject's history. The
    // database adapter reads by key, so "past a gap" reaches at least the version the subject's
    // document records (and on from there while entries follow one another).
    it.effect("history returns the entries past a missing one", () =>
      Effect.gen(function* () {
        const log = yield* AuditLog
        const payments = yield* Payments
        const payment = paymentDraft()
        yield* payments.insert(payment)
        const subject = new SubjectRef({ type: "payment", id: payment.paymentId })
        for (const seq of [1, 2, 4, 5]) yield* log.append(entry(subject, seq, `s${seq}`))
        yield* payments.project(payment.paymentId, "refunded", 4)
        assert.deepStrictEqual(
          (yield* log.history(subject)).map((e) => e.seq),
          [1, 2, 4, 5]
        )
      })
    )
  })
