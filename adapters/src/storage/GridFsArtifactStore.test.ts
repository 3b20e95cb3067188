import { ArtifactStore } from "@certify/domain"
import { Effect, Layer, Option, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { MongoConnection } from "../mongo/MongoConnection.ts"
import { testDatabaseUri } from "../testing/testDatabase.ts"
import { ARTIFACT_BUCKET, layerGridFsArtifactStore } from "./index.ts"

const layer = layerGridFsArtifactStore.pipe(
  Layer.provideMerge(MongoConnection.layer({ uri: testDatabaseUri("gridfs") }))
)
/** Three GridFS chunks of 255 KiB. */
const fileOf = (seed: number) => new Uint8Array(600_000).map((_, i) => (i * 31 + seed) % 251)

describe("GridFS artifact store (on the test database server)", () => {
  it("concurrent puts of one key leave one file and only its chunks; a download streams chunk by chunk", async () => {
    const result = await Effect.runPromise(
      Effect.gen(function* () {
        const store = yield* ArtifactStore
        const key = "certificates/G/v1.pdf"
        const answers = yield* Effect.all(
          [1, 2, 3, 4].map((seed) => store.put(key, fileOf(seed), "application/pdf")),
          { concurrency: "unbounded" }
        )
        const download = Option.getOrThrow(yield* store.stream(key))
        const chunks = yield* Stream.runCollect(download.chunks)
        const db = (yield* MongoConnection).connection.db
        const counts = yield* Effect.promise(async () => ({
          files: await db?.collection(`${ARTIFACT_BUCKET}.files`).countDocuments({ filename: key }),
          chunks: await db?.collection(`${ARTIFACT_BUCKET}.chunks`).countDocuments({})
        }))
        return { answers, size: download.size, chunks, counts }
      }).pipe(Effect.provide(layer))
    )
    expect(new Set(result.answers.map((a) => a.sha256)).size).toBe(1)
    expect(result.counts).toEqual({ files: 1, chunks: 3 })
    expect(result.size).toBe(600_000)
    expect(result.chunks.map((c) => c.length)).toEqual([261_120, 261_120, 77_760])
  })
})
