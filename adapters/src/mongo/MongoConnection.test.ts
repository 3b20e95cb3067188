import { Payments } from "@certify/domain"
import { paymentDraft } from "@certify/domain/contracts"
import { Cause, Effect, type Exit, Layer } from "effect"
import mongoose from "mongoose"
import { describe, expect, it } from "vitest"
import { testDatabaseUri } from "../testing/testDatabase.ts"
import { layer as ledgerLayer } from "./layer.ts"
import { MongoConnection } from "./MongoConnection.ts"

const failureMessage = (exit: Exit.Exit<unknown, unknown>) => {
  if (exit._tag !== "Failure") return "(succeeded)"
  const error = Cause.squash(exit.cause)
  return error instanceof Error ? error.message : String(error)
}

const withRawDatabase = async <A>(uri: string, run: (db: mongoose.mongo.Db) => Promise<A>) => {
  const connection = await mongoose.createConnection(uri).asPromise()
  try {
    if (!connection.db) throw new Error("no database")
    return await run(connection.db)
  } finally {
    await connection.close()
  }
}

describe("startup guards the idempotency guarantees", () => {
  it("refuses to start, readably, when a required unique index is missing", async () => {
    const uri = testDatabaseUri("indexes")
    await Effect.runPromise(Effect.scoped(Layer.build(MongoConnection.layer({ uri }))))
    await withRawDatabase(uri, (db) => db.collection("gateway_event_inbox").dropIndex("inbox_event_unique"))
    const exit = await Effect.runPromiseExit(
      Effect.scoped(Layer.build(MongoConnection.layer({ uri, createIndexes: false })))
    )
    expect(failureMessage(exit)).toBe(
      'refusing to start: the database lacks required unique indexes, which enforce idempotency: gateway_event_inbox unique on {"gateway":1,"eventId":1}'
    )
  })

  it("refuses to start when an index with the right keys exists but is not unique", async () => {
    const uri = testDatabaseUri("nonunique")
    await withRawDatabase(uri, async (db) => {
      await db.createCollection("entitlements")
      await db
        .collection("entitlements")
        .createIndex({ learnerId: 1, courseId: 1, kind: 1 }, { name: "entitlement_unique" })
    })
    const exit = await Effect.runPromiseExit(Effect.scoped(Layer.build(MongoConnection.layer({ uri }))))
    expect(failureMessage(exit)).toContain('entitlements unique on {"learnerId":1,"courseId":1,"kind":1}')
  })

  it("a stored document that fails its schema is reported, not coerced", async () => {
    const uri = testDatabaseUri("corrupt")
    const draft = paymentDraft()
    const program = Effect.gen(function* () {
      const payments = yield* Payments
      yield* payments.insert(draft)
      yield* Effect.promise(() =>
        withRawDatabase(uri, (db) =>
          db
            .collection<{ _id: string }>("payments")
            .updateOne({ _id: draft.paymentId }, { $set: { amount: { amount: "4900", currency: "USD" } } })
        )
      )
      return yield* payments.find(draft.paymentId)
    })
    const exit = await Effect.runPromiseExit(Effect.scoped(Effect.provide(program, ledgerLayer({ uri }))))
    expect(failureMessage(exit)).toMatch(
      new RegExp(`document ${draft.paymentId} in payments fails its schema`)
    )
  })
})
