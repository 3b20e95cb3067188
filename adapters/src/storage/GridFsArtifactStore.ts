import { createHash } from "node:crypto"
import { ArtifactStore, StoredArtifact } from "@certify/domain"
import { Effect, Layer, Option, Stream } from "effect"
import mongoose from "mongoose"
import { MongoConnection } from "../mongo/MongoConnection.ts"
import { isDuplicateKey } from "../mongo/model.ts"
import { refuseOversized } from "./refuseOversized.ts"

export const ARTIFACT_BUCKET = "artifacts"

interface ArtifactFile {
  readonly _id: mongoose.mongo.ObjectId
  readonly filename: string
  readonly length: number
  readonly metadata: { readonly sha256: string; readonly contentType: string }
}

const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

const storedArtifactOf = (file: ArtifactFile) =>
  new StoredArtifact({
    key: file.filename,
    contentType: file.metadata.contentType,
    sha256: file.metadata.sha256,
    size: file.length
  })

/** One file per key: the unique index makes the first completed upload the only one. */
export const ensureArtifactIndexes = (db: mongoose.mongo.Db) =>
  db
    .collection(`${ARTIFACT_BUCKET}.files`)
    .createIndex({ filename: 1 }, { unique: true, name: "artifact_key_unique" })

/**
 * Certificate files in GridFS, `filename` = the deterministic key, unique. An upload writes its chunks
 * under its own fresh id and then its file document, so a file that can be found is always complete.
 * Two workers putting one key at once both write chunks; the unique index lets one file document in,
 * the other upload removes its own chunks and answers with the stored file. A later put finds the file
 * and writes nothing, so the hash recorded with a certificate always describes the bytes stored.
 */
export const make = (db: mongoose.mongo.Db) => {
  const bucket = new mongoose.mongo.GridFSBucket(db, { bucketName: ARTIFACT_BUCKET })
  const files = db.collection<ArtifactFile>(`${ARTIFACT_BUCKET}.files`)
  const chunks = db.collection(`${ARTIFACT_BUCKET}.chunks`)
  const find = (key: string) => files.findOne({ filename: key })

  const upload = (key: string, bytes: Uint8Array, metadata: ArtifactFile["metadata"]) => {
    const stream = bucket.openUploadStream(key, { metadata })
    return new Promise<void>((resolve, reject) => {
      stream.once("error", reject)
      stream.once("finish", () => resolve())
      stream.end(Buffer.from(bytes))
    }).catch(async (error: unknown) => {
      await chunks.deleteMany({ files_id: stream.id })
      throw error
    })
  }

  const put = async (key: string, bytes: Uint8Array, contentType: string) => {
    refuseOversized(key, bytes)
    const existing = await find(key)
    if (existing !== null) return storedArtifactOf(existing)
    const metadata = { sha256: sha256Hex(bytes), contentType }
    try {
      await upload(key, bytes, metadata)
      return new StoredArtifact({ key, contentType, sha256: metadata.sha256, size: bytes.length })
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const first = await find(key)
      if (first === null) throw new Error(`artifact ${key} collided but cannot be read`)
      return storedArtifactOf(first)
    }
  }

  const chunksOf = (file: ArtifactFile) =>
    Stream.suspend(() =>
      Stream.fromAsyncIterable<Uint8Array, unknown>(bucket.openDownloadStream(file._id), (error) => error)
    ).pipe(Stream.orDie)

  const get = (key: string) =>
    Effect.promise(() => find(key)).pipe(
      Effect.flatMap((file) =>
        file === null
          ? Effect.succeedNone
          : Effect.map(Stream.runCollect(chunksOf(file)), (parts) =>
              Option.some<Uint8Array>(new Uint8Array(Buffer.concat(parts)))
            )
      )
    )

  return ArtifactStore.of({
    put: (key, bytes, contentType) => Effect.promise(() => put(key, bytes, contentType)),
    get,
    stream: (key) =>
      Effect.map(
        Effect.promise(() => find(key)),
        (file) => (file === null ? Option.none() : Option.some({ size: file.length, chunks: chunksOf(file) }))
      )
  })
}

export const layer = Layer.effect(
  ArtifactStore,
  MongoConnection.use(({ connection }) =>
    Effect.gen(function* () {
      const db = connection.db as mongoose.mongo.Db
      yield* Effect.promise(() => ensureArtifactIndexes(db))
      return make(db)
    })
  )
)
