import { createHash } from "node:crypto"
import { ArtifactStore, StoredArtifact } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import mongoose from "mongoose"
import { MongoConnection } from "../mongo/MongoConnection.ts"

export const ARTIFACT_BUCKET = "artifacts"

interface ArtifactFile {
  readonly length: number
  readonly metadata?: { readonly sha256?: string; readonly contentType?: string }
}

const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

/**
 * Certificate files in GridFS, one file name per deterministic key. A put whose key already holds the
 * same bytes is a no-op, so a retried job writes nothing new. Two workers putting the same key at once
 * may both upload: GridFS keeps both revisions, the bytes are identical (rendering is deterministic),
 * and a read takes the newest complete one (a file's document is written after all its chunks, so a
 * crashed upload is never read). That costs a little space, never a wrong byte.
 */
export const make = (db: mongoose.mongo.Db) => {
  const bucket = new mongoose.mongo.GridFSBucket(db, { bucketName: ARTIFACT_BUCKET })
  const newest = (key: string) =>
    bucket
      .find({ filename: key }, { sort: { uploadDate: -1 }, limit: 1 })
      .next() as Promise<ArtifactFile | null>

  const put = async (key: string, bytes: Uint8Array, contentType: string) => {
    const sha256 = sha256Hex(bytes)
    const stored = new StoredArtifact({ key, contentType, sha256, size: bytes.length })
    const existing = await newest(key)
    if (existing?.metadata?.sha256 === sha256 && existing.length === bytes.length) return stored
    await new Promise<void>((resolve, reject) => {
      const upload = bucket.openUploadStream(key, { metadata: { sha256, contentType } })
      upload.once("error", reject)
      upload.once("finish", () => resolve())
      upload.end(Buffer.from(bytes))
    })
    return stored
  }

  const get = async (key: string) => {
    if ((await newest(key)) === null) return Option.none<Uint8Array>()
    const chunks: Array<Buffer> = []
    for await (const chunk of bucket.openDownloadStreamByName(key)) chunks.push(chunk as Buffer)
    return Option.some<Uint8Array>(new Uint8Array(Buffer.concat(chunks)))
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
