import { Effect } from "effect"
import type { Model } from "mongoose"
import type { CollectionName } from "./collections/index.ts"
import { MongoConnection } from "./MongoConnection.ts"

export type DocumentModel = Model<Record<string, unknown>>

/** The registered models, looked up once when a repository's layer is built. */
export const modelsOf = <const N extends ReadonlyArray<CollectionName>>(...names: N) =>
  MongoConnection.useSync(
    ({ connection }) =>
      Object.fromEntries(names.map((name) => [name, connection.model(name) as DocumentModel])) as {
        [K in N[number]]: DocumentModel
      }
  )

/** A database call; a failure here is infrastructure, so it becomes a defect and the job retries. */
export const query = <A>(run: () => Promise<A>) => Effect.orDie(Effect.tryPromise(run))

/** A unique insert: `true` if this call inserted, `false` if the key already existed. */
export const insertUnique = (model: DocumentModel, document: Record<string, unknown>) =>
  Effect.orDie(
    Effect.tryPromise(async () => {
      try {
        await model.collection.insertOne(document)
        return true
      } catch (error) {
        if (isDuplicateKey(error)) return false
        throw error
      }
    })
  )

/** Duplicate key on insert: 11000 on both MongoDB and FerretDB (FerretDB omits `keyValue`). */
export const isDuplicateKey = (error: unknown) =>
  typeof error === "object" &&
  error !== null &&
  "code" in error &&
  (error as { code: unknown }).code === 11000

/**
 * The documents at consecutive keys `idAt(from)`, `idAt(from + 1)`, … up to the first one missing, each
 * read by `_id`. FerretDB pushes only `_id` equality down to SQLite and decodes the whole collection for
 * any other filter (a range on `_id` included), so a subject's few rows cost a few keyed reads instead of
 * a scan that grows with the ledger. On MongoDB it is a few indexed reads where one would do.
 */
export const findConsecutive = (model: DocumentModel, idAt: (n: number) => string, from = 1) =>
  query(async () => {
    const found: Array<Record<string, unknown>> = []
    for (let n = from; ; n++) {
      const doc = await model.findById(idAt(n)).lean<Record<string, unknown>>().exec()
      if (doc === null) return found
      found.push(doc)
    }
  })

const KEYED_READS_AT_ONCE = 16

/** The documents at keys `idAt(from)` … `idAt(to)` that exist, in key order; keyed reads, a few at once. */
export const findKeyRange = (model: DocumentModel, idAt: (n: number) => string, from: number, to: number) =>
  query(async () => {
    const found: Array<Record<string, unknown>> = []
    for (let start = from; start <= to; start += KEYED_READS_AT_ONCE) {
      const keys = Array.from({ length: Math.min(KEYED_READS_AT_ONCE, to - start + 1) }, (_, i) =>
        idAt(start + i)
      )
      const docs = await Promise.all(
        keys.map((key) => model.findById(key).lean<Record<string, unknown>>().exec())
      )
      for (const doc of docs) if (doc !== null) found.push(doc)
    }
    return found
  })
