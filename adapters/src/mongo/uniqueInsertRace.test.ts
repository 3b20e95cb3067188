import { MongoClient } from "mongodb"
import { afterAll, describe, expect, it } from "vitest"
import { testDatabaseUri } from "../testing/testDatabase.ts"

/**
 * What the whole ledger stands on, on FerretDB and MongoDB alike: an insert under a unique index is
 * atomic, so of many concurrent inserts of one key exactly one wins (docs/ledger-write-ordering.md).
 */
const client = await MongoClient.connect(testDatabaseUri("unique_insert_race"))
afterAll(() => client.close())

describe("on any server (FerretDB or MongoDB)", () => {
  it("an insert under a unique index has exactly one winner out of many concurrent ones", async () => {
    const claims = client.db().collection<{ _id: string; key: string }>("claims")
    await claims.createIndex({ key: 1 }, { name: "claim_unique", unique: true })
    const writers = 8
    for (let round = 0; round < 20; round++) {
      const results = await Promise.allSettled(
        Array.from({ length: writers }, (_, writer) =>
          claims.insertOne({ _id: `claim-${round}-${writer}`, key: `key-${round}` })
        )
      )
      const losers = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []))
      expect(losers).toHaveLength(writers - 1)
      for (const loser of losers) expect(loser).toMatchObject({ code: 11000 })
      // The same on the `_id` index.
      const byId = await Promise.allSettled(
        Array.from({ length: writers }, () =>
          claims.insertOne({ _id: `id-${round}`, key: `id-key-${round}` })
        )
      )
      expect(byId.filter((result) => result.status === "fulfilled")).toHaveLength(1)
    }
    expect(await claims.countDocuments()).toBe(40)
  })
})
