import { createHash } from "node:crypto"
import { ArtifactStore, StoredArtifact } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import mongoose from "mongoose"
import { MongoConnection } from "../mongo/MongoConnection.ts"
import { isDuplicateKey } from "../mongo/model.ts"

export const ARTIFACT_COLLECTION = "artifacts"

/** Below MongoDB's 16 MiB document limit; a certificate's PNG or PDF is about 100 KiB. */
export const MAX_ARTIFACT_BYTES = 15 * 1024 * 1024

interface ArtifactDocument {
  readonly _id: string
  readonly bytes: mongoose.mongo.Binary
  readonly sha256: string
  readonly contentType: string
  readonly size: number
  readonly storedAt: Date
}

const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

const storedArtifactOf = (doc: ArtifactDocument) =>
  new StoredArtifact({ key: doc._id, contentType: doc.contentType, sha256: doc.sha256, size: doc.size })

/**
 * Certificate files, one document each under `_id` = the deterministic key. A read by `_id` is the one
 * query FerretDB pushes down to SQLite; GridFS's chunk query decoded every chunk of every certificate
 * for each download. The insert under the key is the write, atomic on both servers: a retried or
 * concurrent put finds the first write and answers with it, so the version recorded with a certificate
 * always describes the bytes actually stored (rendering is deterministic, so they are the same anyway).
 */
export const make = (db: mongoose.mongo.Db) => {
  const artifacts = db.collection<ArtifactDocument>(ARTIFACT_COLLECTION)

  const put = async (key: string, bytes: Uint8Array, contentType: string) => {
    if (bytes.length > MAX_ARTIFACT_BYTES)
      throw new Error(`artifact ${key} is ${bytes.length} bytes, over the ${MAX_ARTIFACT_BYTES}-byte limit`)
    const doc: ArtifactDocument = {
      _id: key,
      bytes: new mongoose.mongo.Binary(Buffer.from(bytes)),
      sha256: sha256Hex(bytes),
      contentType,
      size: bytes.length,
      storedAt: new Date()
    }
    try {
      await artifacts.insertOne(doc)
      return storedArtifactOf(doc)
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const first = await artifacts.findOne({ _id: key }, { projection: { bytes: 0 } })
      if (first === null) throw new Error(`artifact ${key} collided but cannot be read`)
      return storedArtifactOf(first)
    }
  }

  const get = async (key: string) => {
    const doc = await artifacts.findOne({ _id: key })
    return doc === null
      ? Option.none<Uint8Array>()
      : Option.some<Uint8Array>(new Uint8Array(doc.bytes.buffer))
  }

  return ArtifactStore.of({
    put: (key, bytes, contentType) => Effect.promise(() => put(key, bytes, contentType)),
    get: (key) => Effect.promise(() => get(key))
  })
}

export const layer = Layer.effect(
  ArtifactStore,
  MongoConnection.use(({ connection }) => Effect.sync(() => make(connection.db as mongoose.mongo.Db)))
)
