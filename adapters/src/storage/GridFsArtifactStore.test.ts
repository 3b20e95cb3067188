import { createHash } from "node:crypto"
import { ArtifactStore } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { MongoConnection } from "../mongo/MongoConnection.ts"
import { testDatabaseUri } from "../testing/testDatabase.ts"
import { ARTIFACT_BUCKET, layerGridFsArtifactStore } from "./index.ts"

const connection = MongoConnection.layer({ uri: testDatabaseUri("artifacts") })
const layer = layerGridFsArtifactStore.pipe(Layer.provideMerge(connection))
const bytes = new Uint8Array(600_000).map((_, i) => (i * 31) % 251)

describe("GridFS artifact store (on the test database server)", () => {
  it("stores under a deterministic key; a retried or concurrent put of the same bytes is harmless", async () => {
    const result = await Effect.runPromise(
      Effect.gen(function* () {
        const store = yield* ArtifactStore
        const first = yield* store.put("certificates/X/v1.pdf", bytes, "application/pdf")
        const again = yield* store.put("certificates/X/v1.pdf", bytes, "application/pdf")
        yield* Effect.all(
          [1, 2, 3].map(() => store.put("certificates/X/v1.png", bytes, "image/png")),
          { concurrency: "unbounded" }
        )
        const read = yield* store.get("certificates/X/v1.pdf")
        const png = yield* store.get("certificates/X/v1.png")
        const missing = yield* store.get("certificates/none")
        const { connection } = yield* MongoConnection
        const files = connection.db?.collection(`${ARTIFACT_BUCKET}.files`)
        const revisions = yield* Effect.promise(async () =>
          files?.countDocuments({ filename: "certificates/X/v1.pdf" })
        )
        return { first, again, read, png, missing, revisions }
      }).pipe(Effect.provide(layer))
    )
    expect(result.first.sha256).toBe(createHash("sha256").update(bytes).digest("hex"))
    expect(result.first.size).toBe(bytes.length)
    expect(result.again).toEqual(result.first)
    expect(result.revisions).toBe(1)
    expect(Buffer.from(Option.getOrThrow(result.read)).equals(Buffer.from(bytes))).toBe(true)
    expect(Buffer.from(Option.getOrThrow(result.png)).equals(Buffer.from(bytes))).toBe(true)
    expect(Option.isNone(result.missing)).toBe(true)
  })
})
