import { layer } from "./GridFsArtifactStore.ts"

export { ARTIFACT_BUCKET } from "./GridFsArtifactStore.ts"

/** `ArtifactStore` in GridFS on the ledger's own connection (bucket `artifacts`). */
export const layerGridFsArtifactStore = layer
