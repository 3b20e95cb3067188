import mongoose from "mongoose"
import { afterAll, describe, expect, it } from "vitest"
import { testDatabaseUri } from "../testing/testDatabase.ts"

/**
 * The FerretDB v1 behaviours the ledger's design works around (docs/ledger-write-ordering.md, "FerretDB
 * differences, as checked"), pinned against the running server. An upgrade that changes one fails here,
 * so that someone revisits the design choice that depends on it. The property the design relies on
 * everywhere (an insert under a unique index has one winner) is in uniqueInsertRace.test.ts.
 */

const uri = testDatabaseUri("ferretdb_differences")
const connection = await mongoose.createConnection(uri, { autoIndex: false }).asPromise()
afterAll(() => connection.close())
const database = () => {
  if (connection.db === undefined) throw new Error("the test connection has no database")
  return connection.db
}
const buildInfo = await database().admin().command({ buildInfo: 1 })
const ferretDbVersion = buildInfo.ferretdbVersion as string | undefined
const notFerretDb = ferretDbVersion === undefined
const suiteTitle = notFerretDb
  ? `FerretDB differences (skipped: the server is MongoDB ${String(buildInfo.version)}, not FerretDB)`
  : `FerretDB ${ferretDbVersion} differs from MongoDB`

interface Refusal {
  readonly code: unknown
  readonly codeName: unknown
  readonly message: string
  readonly keyValue: unknown
}

/** What the server answered: "accepted", or the error's code, name, message and `keyValue`. */
const outcome = async (run: () => Promise<unknown>): Promise<"accepted" | Refusal> => {
  try {
    await run()
    return "accepted"
  } catch (error) {
    const e = error as Partial<Refusal> & { errorResponse?: { keyValue?: unknown } }
    return {
      code: e.code,
      codeName: e.codeName,
      message: String(e.message),
      keyValue: e.keyValue ?? e.errorResponse?.keyValue
    }
  }
}

/** FerretDB's answer to an option or operator it lacks; `part` is a piece of its message. */
const notImplemented = (part: string) => ({
  code: 238,
  codeName: "NotImplemented",
  message: expect.stringContaining(part)
})

let collections = 0
/** A fresh collection per check, so the checks do not see each other's documents or indexes. */
const freshCollection = <T extends mongoose.mongo.Document = Record<string, unknown>>(name: string) =>
  database().collection<T>(`${name}_${collections++}`)

describe(suiteTitle, () => {
  const onFerretDb = it.skipIf(notFerretDb)

  onFerretDb("refuses partial and TTL indexes, and collation on indexes and queries", async () => {
    const docs = freshCollection("index_options")
    await docs.insertOne({ ref: "a", at: new Date() })
    expect(
      await outcome(() =>
        docs.createIndex({ ref: 1 }, { name: "partial", partialFilterExpression: { ref: { $exists: true } } })
      )
    ).toMatchObject(notImplemented('Index option "partialFilterExpression" is not implemented yet'))
    expect(
      await outcome(() => docs.createIndex({ at: 1 }, { name: "ttl", expireAfterSeconds: 60 }))
    ).toMatchObject(notImplemented('Index option "expireAfterSeconds" is not implemented yet'))
    expect(
      await outcome(() =>
        docs.createIndex({ ref: 1 }, { name: "folded", collation: { locale: "en", strength: 2 } })
      )
    ).toMatchObject(notImplemented('Index option "collation" is not implemented yet'))
    expect(
      await outcome(() => docs.find({ ref: "A" }, { collation: { locale: "en", strength: 2 } }).toArray())
    ).toMatchObject(notImplemented('find: support for field "collation"'))
    // Refused outright, not created without the option.
    expect((await docs.listIndexes().toArray()).map((index) => index.name)).toEqual(["_id_"])
  })

  onFerretDb(
    "accepts `sparse` on a unique index but drops it; a missing field is never a duplicate",
    async () => {
      const sparse = freshCollection<{ _id: string; ref?: string | null }>("sparse_unique")
      expect(await sparse.createIndex({ ref: 1 }, { name: "ref_unique", unique: true, sparse: true })).toBe(
        "ref_unique"
      )
      // MongoDB lists `sparse: true`; FerretDB does not keep it.
      expect((await sparse.listIndexes().toArray()).find((index) => index.name === "ref_unique")).toEqual({
        v: 2,
        key: { ref: 1 },
        name: "ref_unique",
        unique: true
      })
      await sparse.insertMany([{ _id: "missing-1" }, { _id: "missing-2" }, { _id: "null-1", ref: null }])
      expect(await outcome(() => sparse.insertOne({ _id: "null-2", ref: null }))).toMatchObject({
        code: 11000
      })

      // Without `sparse` too: two documents missing the field are both stored (MongoDB: the second is a
      // duplicate, missing counting as null). Hence a row per present value, in a collection of its own.
      const plain = freshCollection<{ _id: string; ref?: string | null }>("plain_unique")
      await plain.createIndex({ ref: 1 }, { name: "ref_unique", unique: true })
      expect(await outcome(() => plain.insertMany([{ _id: "missing-1" }, { _id: "missing-2" }]))).toBe(
        "accepted"
      )
      expect(await plain.countDocuments()).toBe(2)
      await plain.insertOne({ _id: "null-1", ref: null })
      expect(await outcome(() => plain.insertOne({ _id: "null-2", ref: null }))).toMatchObject({
        code: 11000
      })
    }
  )

  onFerretDb(
    "an update that violates a unique index fails with code 1, an insert with 11000; neither has keyValue",
    async () => {
      const docs = freshCollection<{ _id: string; ref: string }>("duplicate_codes")
      await docs.createIndex({ ref: 1 }, { name: "ref_unique", unique: true })
      await docs.insertMany([
        { _id: "one", ref: "a" },
        { _id: "two", ref: "b" }
      ])
      const insert = await outcome(() => docs.insertOne({ _id: "three", ref: "a" }))
      expect(insert).toMatchObject({ code: 11000, keyValue: undefined })
      const update = await outcome(() => docs.updateOne({ _id: "two" }, { $set: { ref: "a" } }))
      expect(update).toMatchObject({
        code: 1,
        codeName: "InternalError",
        keyValue: undefined,
        message: expect.stringContaining("UNIQUE constraint failed")
      })
      expect(
        await outcome(() => docs.findOneAndUpdate({ _id: "two" }, { $set: { ref: "a" } }))
      ).toMatchObject({
        code: 1,
        codeName: "InternalError"
      })
      expect(await docs.findOne({ _id: "two" })).toEqual({ _id: "two", ref: "b" })
    }
  )

  onFerretDb(
    "a conditional update is not atomic: two concurrent compare-and-sets both report a change",
    async () => {
      const docs = freshCollection<{ _id: string; v: number; by?: string }>("compare_and_set")
      const rounds = 30
      let bothWon = 0
      for (let round = 0; round < rounds; round++) {
        const _id = `doc-${round}`
        await docs.insertOne({ _id, v: 0 })
        const [first, second] = await Promise.all(
          ["X", "Y"].map((by) => docs.updateOne({ _id, v: 0 }, { $set: { v: 1, by } }))
        )
        if (first?.modifiedCount === 1 && second?.modifiedCount === 1) {
          bothWon++
          // Both were told they moved v from 0 to 1; one of the two writes is simply gone.
          expect(await docs.findOne({ _id })).toMatchObject({ v: 1, by: expect.stringMatching(/^[XY]$/) })
        }
      }
      console.log(`FerretDB ${ferretDbVersion}: both compare-and-sets won in ${bothWon} of ${rounds} rounds`)
      // Observed in 27 of 30 rounds on an idle machine; one in 30 keeps this from depending on load.
      expect(bothWon).toBeGreaterThan(0)
    }
  )

  onFerretDb(
    "mongoose: findOneAndUpdate with a projection (a `select: false` field) is refused",
    async () => {
      const Account = connection.model(
        "FerretAccount",
        new mongoose.Schema(
          { _id: String, secret: { type: String, select: false }, visits: Number },
          { versionKey: false, collection: `accounts_${collections++}` }
        )
      )
      await Account.create({ _id: "acct", secret: "s", visits: 0 })
      expect(
        await outcome(() =>
          Account.findOneAndUpdate(
            { _id: "acct" },
            { $inc: { visits: 1 } },
            { returnDocument: "after" }
          ).exec()
        )
      ).toMatchObject(notImplemented('findAndModify: support for field "fields" with value'))
      expect(await Account.findById("acct").lean().exec()).toEqual({ _id: "acct", visits: 0 })
    }
  )

  onFerretDb(
    "mongoose: $pull with a condition, and so subdoc.deleteOne(), silently remove nothing",
    async () => {
      const Basket = connection.model(
        "FerretBasket",
        new mongoose.Schema(
          { _id: String, items: [new mongoose.Schema({ name: String })] },
          { versionKey: false, collection: `baskets_${collections++}` }
        )
      )
      await Basket.create({ _id: "basket", items: [{ name: "a" }, { name: "b" }] })
      const names = async () =>
        (await Basket.findById("basket").lean().exec())?.items.map((item) => item.name)

      const pulled = await Basket.updateOne({ _id: "basket" }, { $pull: { items: { name: "a" } } }).exec()
      expect(pulled).toMatchObject({ matchedCount: 1, modifiedCount: 0 })
      expect(await names()).toEqual(["a", "b"])

      const basket = await Basket.findById("basket").orFail().exec()
      await basket.items[0]?.deleteOne()
      await basket.save() // sends `$pull: {items: {_id}}` and succeeds
      expect(await names()).toEqual(["a", "b"])
    }
  )

  onFerretDb("mongoose: positional `$` and arrayFilters are refused", async () => {
    const List = connection.model(
      "FerretList",
      new mongoose.Schema(
        { _id: String, items: [new mongoose.Schema({ name: String }, { _id: false })] },
        { versionKey: false, collection: `lists_${collections++}` }
      )
    )
    await List.create({ _id: "list", items: [{ name: "a" }, { name: "b" }] })
    expect(
      await outcome(() =>
        List.updateOne({ _id: "list", "items.name": "a" }, { $set: { "items.$.name": "z" } }).exec()
      )
    ).toMatchObject({ code: 28, message: expect.stringContaining("Cannot create field '$'") })
    expect(
      await outcome(() =>
        List.updateOne(
          { _id: "list" },
          { $set: { "items.$[item].name": "z" } },
          { arrayFilters: [{ "item.name": "a" }] }
        ).exec()
      )
    ).toMatchObject(notImplemented('support for field "arrayFilters"'))
    expect(await List.findById("list").lean().exec()).toEqual({
      _id: "list",
      items: [{ name: "a" }, { name: "b" }]
    })
  })

  onFerretDb("refuses nested arrays and keys with '.' or a leading '$'", async () => {
    const docs = freshCollection("values")
    expect(await outcome(() => docs.insertOne({ grid: [[1, 2]] }))).toMatchObject({
      code: 2,
      message: expect.stringContaining("nested arrays are not supported")
    })
    expect(await outcome(() => docs.insertOne({ headers: { "x.forwarded": "1" } }))).toMatchObject({
      code: 2,
      message: expect.stringContaining(`invalid key: "x.forwarded" (key must not contain '.' sign)`)
    })
    expect(await outcome(() => docs.insertOne({ headers: { $ref: "1" } }))).toMatchObject({
      code: 2,
      message: expect.stringContaining(`invalid key: "$ref" (key must not start with '$' sign)`)
    })
    expect(await docs.countDocuments()).toBe(0)
  })

  onFerretDb("refuses Decimal128 by dropping the connection", async () => {
    // A client of its own: the server closes the socket, which must not disturb the other checks.
    const client = await new mongoose.mongo.MongoClient(uri, { maxPoolSize: 1 }).connect()
    try {
      const docs = client.db().collection(`decimals_${collections++}`)
      const error = await docs.insertOne({ price: mongoose.mongo.Decimal128.fromString("49.00") }).then(
        () => undefined,
        (refused: unknown) => refused
      )
      expect(error).toBeInstanceOf(mongoose.mongo.MongoNetworkError)
      expect(await docs.countDocuments()).toBe(0)
    } finally {
      await client.close()
    }
  })
})
