import { createHash } from "node:crypto"
import { ArtifactStore, downloadOfBytes, StoredArtifact } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import mongoose from "mongoose"
import { MongoConnection } from "../mongo/MongoConnection.ts"
import { isDuplicateKey } from "../mongo/model.ts"
import { refuseOversized } from "./refuseOversized.ts"

export const ARTIFACT_COLLECTION = "artifacts"

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
 * Certificate files, one document each under `_id` = the deterministic key (the port's size limit is
 * below MongoDB's 16 MiB document limit). A read by `_id` is the one query FerretDB pushes down to
 * SQLite; GridFS's chunk query decodes every chunk of every certificate for each download there. The
 * insert under the key is the write, atomic on both servers: a retried or concurrent put finds the
 * first write and answers with it, so the version recorded with a certificate always describes the
 * bytes actually stored (rendering is deterministic, so they are the same anyway).
 */
export const make = (db: mongoose.mongo.Db) => {
  const artifacts = db.collection<ArtifactDocument>(ARTIFACT_COLLECTION)

  const put = async (key: string, bytes: Uint8Array, contentType: string) => {
    refuseOversized(key, bytes)
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
    get: (key) => Effect.promise(() => get(key)),
    // The file is one Binary already in memory: it streams as one chunk.
    stream: (key) =>
      Effect.map(
        Effect.promise(() => get(key)),
        Option.map(downloadOfBytes)
      )
  })
}

export const layer = Layer.effect(
  ArtifactStore,
  MongoConnection.use(({ connection }) => Effect.sync(() => make(connection.db as mongoose.mongo.Db)))
)
