import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { AuditEntry } from "../model/AuditEntry.ts"
import { clickBuy, deliverEvent, drainJobs, historyOf, layerMemoryAll } from "../testing/index.ts"
import { verifyChain } from "./AuditChain.ts"

const paidPurchase = Effect.gen(function* () {
  const started = yield* clickBuy("ada", "ts-101", "stripe")
  yield* deliverEvent({
    gateway: "stripe",
    eventId: "evt_1",
    kind: "payment_succeeded",
    paymentId: started.paymentId
  })
  yield* deliverEvent({
    gateway: "stripe",
    eventId: "evt_2",
    kind: "payment_refunded",
    paymentId: started.paymentId
  })
  yield* drainJobs
  return yield* historyOf("payment", started.paymentId)
})

describe("the audit trail is tamper-evident", () => {
  it.effect("an untouched chain verifies", () =>
    Effect.gen(function* () {
      const history = yield* paidPurchase
      assert.lengthOf(history, 3)
      assert.deepStrictEqual((yield* verifyChain("p", history, 3)).breaks, [])
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect("editing an entry breaks its hash", () =>
    Effect.gen(function* () {
      const history = yield* paidPurchase
      const edited = history.map((entry) =>
        entry.seq === 2 ? new AuditEntry({ ...entry, to: "failed" }) : entry
      )
      assert.deepStrictEqual((yield* verifyChain("p", edited, 3)).breaks, [{ _tag: "HashMismatch", seq: 2 }])
    }).pipe(Effect.provide(layerMemoryAll()))
  )

  it.effect(
    "deleting an entry breaks the link, and deleting the newest is caught by the projection's version",
    () =>
      Effect.gen(function* () {
        const history = yield* paidPurchase
        const middleGone = history.filter((entry) => entry.seq !== 2)
        const breaks = (yield* verifyChain("p", middleGone, 3)).breaks.map((b) => b._tag)
        assert.includeMembers(breaks, ["MissingEntry", "BrokenLink"])
        const newestGone = history.slice(0, 2)
        assert.deepStrictEqual((yield* verifyChain("p", newestGone, 3)).breaks, [
          { _tag: "Truncated", lastSeq: 2, expectedLastSeq: 3 }
        ])
      }).pipe(Effect.provide(layerMemoryAll()))
  )
})
