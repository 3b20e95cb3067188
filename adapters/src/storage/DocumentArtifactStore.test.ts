import { createHash } from "node:crypto"
import { ArtifactStore } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { MongoConnection } from "../mongo/MongoConnection.ts"
import { testDatabaseUri } from "../testing/testDatabase.ts"
import { ARTIFACT_COLLECTION, layerDocumentArtifactStore, MAX_ARTIFACT_BYTES } from "./index.ts"

const connection = MongoConnection.layer({ uri: testDatabaseUri("artifacts") })
const layer = layerDocumentArtifactStore.pipe(Layer.provideMerge(connection))
const bytes = new Uint8Array(600_000).map((_, i) => (i * 31) % 251)
const run = <A, E>(effect: Effect.Effect<A, E, ArtifactStore | MongoConnection>) =>
  Effect.runPromise(Effect.provide(effect, layer))

describe("document artifact store (on the test database server)", () => {
  it("stores under a deterministic key; a retried or concurrent put of the same bytes is harmless", async () => {
    const result = await run(
      Effect.gen(function* () {
        const store = yield* ArtifactStore
        const first = yield* store.put("certificates/X/v1.pdf", bytes, "application/pdf")
        const again = yield* store.put("certificates/X/v1.pdf", bytes, "application/pdf")
        const concurrent = yield* Effect.all(
          [1, 2, 3].map(() => store.put("certificates/X/v1.png", bytes, "image/png")),
          { concurrency: "unbounded" }
        )
        const read = yield* store.get("certificates/X/v1.pdf")
        const png = yield* store.get("certificates/X/v1.png")
        const missing = yield* store.get("certificates/none")
        const { connection } = yield* MongoConnection
        const copies = yield* Effect.promise(async () =>
          connection.db
            ?.collection(ARTIFACT_COLLECTION)
            .countDocuments({ _id: "certificates/X/v1.png" } as object)
        )
        return { first, again, concurrent, read, png, missing, copies }
      })
    )
    expect(result.first.sha256).toBe(createHash("sha256").update(bytes).digest("hex"))
    expect(result.first.size).toBe(bytes.length)
    expect(result.again).toEqual(result.first)
    expect(new Set(result.concurrent.map((a) => a.sha256))).toEqual(new Set([result.first.sha256]))
    expect(result.copies).toBe(1)
    expect(Buffer.from(Option.getOrThrow(result.read)).equals(Buffer.from(bytes))).toBe(true)
    expect(Buffer.from(Option.getOrThrow(result.png)).equals(Buffer.from(bytes))).toBe(true)
    expect(Option.isNone(result.missing)).toBe(true)
  })

  it("keeps the first bytes under a key, and answers a later put with what is stored", async () => {
    const other = bytes.map((b) => 255 - b)
    const result = await run(
      Effect.gen(function* () {
        const store = yield* ArtifactStore
        const first = yield* store.put("certificates/Y/v1.png", bytes, "image/png")
        const second = yield* store.put("certificates/Y/v1.png", other, "image/png")
        const read = yield* store.get("certificates/Y/v1.png")
        return { first, second, read }
      })
    )
    expect(result.second).toEqual(result.first)
    expect(Buffer.from(Option.getOrThrow(result.read)).equals(Buffer.from(bytes))).toBe(true)
  })

  it("refuses an artifact over the document limit with a clear error, storing nothing", async () => {
    const huge = new Uint8Array(MAX_ARTIFACT_BYTES + 1)
    const exit = await Effect.runPromiseExit(
      Effect.provide(
        ArtifactStore.use((store) => store.put("certificates/Z/v1.pdf", huge, "application/pdf")),
        layer
      )
    )
    expect(String(exit)).toContain("over the")
    expect(Option.isNone(await run(ArtifactStore.use((store) => store.get("certificates/Z/v1.pdf"))))).toBe(
      true
    )
  })
})
