import { ArtifactStore } from "@certify/domain"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { MongoConnection } from "../mongo/MongoConnection.ts"
import { testDatabaseUri } from "../testing/testDatabase.ts"
import {
  ARTIFACT_BUCKET,
  ARTIFACT_COLLECTION,
  type ArtifactStoreKind,
  type ArtifactStoreSelection,
  chooseArtifactStore,
  layerArtifactStore,
  parseArtifactStoreKind
} from "./index.ts"

describe("choosing the artifact store", () => {
  it("GridFS on MongoDB, documents on FerretDB, ARTIFACT_STORE over both", () => {
    expect(chooseArtifactStore({ version: "8.0.4" }, undefined).store).toBe("gridfs")
    expect(chooseArtifactStore({ ferretdbVersion: "v1.24.2" }, undefined)).toEqual({
      store: "documents",
      reason: "the server is FerretDB v1.24.2, where GridFS downloads scan every chunk"
    })
    expect(chooseArtifactStore({ ferretdbVersion: "v1.24.2" }, "gridfs").store).toBe("gridfs")
    expect(chooseArtifactStore({}, "documents").store).toBe("documents")
  })

  it("accepts only the two store names", () => {
    expect([undefined, "", "gridfs", "documents"].map(parseArtifactStoreKind)).toEqual([
      undefined,
      undefined,
      "gridfs",
      "documents"
    ])
    expect(() => parseArtifactStoreKind("s3")).toThrow(/ARTIFACT_STORE must be/)
  })

  it("detects the test server once, and writes where it says", async () => {
    const storedIn = (override: ArtifactStoreKind | undefined) => {
      const reports: Array<ArtifactStoreSelection> = []
      const layer = layerArtifactStore({ override, report: (s) => reports.push(s) }).pipe(
        Layer.provideMerge(MongoConnection.layer({ uri: testDatabaseUri("artifact_choice") }))
      )
      return Effect.gen(function* () {
        yield* ArtifactStore.use((store) =>
          store.put("certificates/C/v1.png", new Uint8Array(10), "image/png")
        )
        const db = (yield* MongoConnection).connection.db
        const documents = yield* Effect.promise(async () =>
          db?.collection(ARTIFACT_COLLECTION).countDocuments()
        )
        const files = yield* Effect.promise(async () =>
          db?.collection(`${ARTIFACT_BUCKET}.files`).countDocuments()
        )
        const info = yield* Effect.promise(async () => db?.admin().command({ buildInfo: 1 }))
        return { reports, documents, files, ferretDb: info?.ferretdbVersion !== undefined }
      }).pipe(Effect.provide(layer), Effect.runPromise)
    }
    const detected = await storedIn(undefined)
    // The suite's server is FerretDB unless MONGODB_URI names another.
    const expected = detected.ferretDb ? "documents" : "gridfs"
    expect(detected.reports).toEqual([expect.objectContaining({ store: expected })])
    expect([detected.documents, detected.files]).toEqual(detected.ferretDb ? [1, 0] : [0, 1])
    const overridden = await storedIn("gridfs")
    expect(overridden.reports).toEqual([{ store: "gridfs", reason: "ARTIFACT_STORE is set" }])
    expect([overridden.documents, overridden.files]).toEqual([0, 1])
  })
})
