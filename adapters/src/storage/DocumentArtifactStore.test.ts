import { ArtifactStore } from "@certify/domain"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { MongoConnection } from "../mongo/MongoConnection.ts"
import { testDatabaseUri } from "../testing/testDatabase.ts"
import { ARTIFACT_COLLECTION, layerDocumentArtifactStore } from "./index.ts"

const layer = layerDocumentArtifactStore.pipe(
  Layer.provideMerge(MongoConnection.layer({ uri: testDatabaseUri("artifacts") }))
)
const bytes = new Uint8Array(600_000).map((_, i) => (i * 31) % 251)

describe("document artifact store (on the test database server)", () => {
  it("keeps one document per key under concurrent puts", async () => {
    const copies = await Effect.runPromise(
      Effect.gen(function* () {
        const store = yield* ArtifactStore
        yield* Effect.all(
          [1, 2, 3].map(() => store.put("certificates/X/v1.png", bytes, "image/png")),
          { concurrency: "unbounded" }
        )
        const { connection } = yield* MongoConnection
        return yield* Effect.promise(async () =>
          connection.db
            ?.collection(ARTIFACT_COLLECTION)
            .countDocuments({ _id: "certificates/X/v1.png" } as object)
        )
      }).pipe(Effect.provide(layer))
    )
    expect(copies).toBe(1)
  })
})
