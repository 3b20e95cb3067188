import { Effect, Layer } from "effect"
import type mongoose from "mongoose"
import { MongoConnection } from "../mongo/MongoConnection.ts"
import * as DocumentArtifactStore from "./DocumentArtifactStore.ts"
import * as GridFsArtifactStore from "./GridFsArtifactStore.ts"

export type ArtifactStoreKind = "gridfs" | "documents"

export interface ArtifactStoreSelection {
  readonly store: ArtifactStoreKind
  readonly reason: string
}

/** `ARTIFACT_STORE`'s value, or undefined when unset; anything else is a configuration error. */
export const parseArtifactStoreKind = (value: string | undefined): ArtifactStoreKind | undefined => {
  if (value === undefined || value === "") return undefined
  if (value === "gridfs" || value === "documents") return value
  throw new Error(`ARTIFACT_STORE must be "gridfs" or "documents", not ${JSON.stringify(value)}`)
}

/**
 * GridFS unless the server is FerretDB: there GridFS's chunk query (`files_id`, sorted by `n`) is not
 * pushed down to SQLite and decodes every chunk of every certificate for each download, while the
 * document store reads one document by `_id`. An explicit choice wins either way.
 */
export const chooseArtifactStore = (
  buildInfo: { readonly [field: string]: unknown },
  override: ArtifactStoreKind | undefined
): ArtifactStoreSelection => {
  if (override !== undefined) return { store: override, reason: "ARTIFACT_STORE is set" }
  if (buildInfo.ferretdbVersion !== undefined)
    return {
      store: "documents",
      reason: `the server is FerretDB ${String(buildInfo.ferretdbVersion)}, where GridFS downloads scan every chunk`
    }
  return { store: "gridfs", reason: "the default on MongoDB" }
}

/**
 * `ArtifactStore` on the ledger's database, picked once at startup (see `chooseArtifactStore`);
 * `report` hears which one and why.
 */
export const layer = (options: {
  readonly override: ArtifactStoreKind | undefined
  readonly report: (selection: ArtifactStoreSelection) => void
}) =>
  Layer.unwrap(
    MongoConnection.use(({ connection }) =>
      Effect.gen(function* () {
        const db = connection.db as mongoose.mongo.Db
        const buildInfo = yield* Effect.promise(() => db.admin().command({ buildInfo: 1 }))
        const selection = chooseArtifactStore(buildInfo, options.override)
        options.report(selection)
        return selection.store === "gridfs" ? GridFsArtifactStore.layer : DocumentArtifactStore.layer
      })
    )
  )
