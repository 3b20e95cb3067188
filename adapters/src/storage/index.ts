import { layer } from "./DocumentArtifactStore.ts"

export { ARTIFACT_COLLECTION, MAX_ARTIFACT_BYTES } from "./DocumentArtifactStore.ts"

/** `ArtifactStore` as one document per artifact on the ledger's own connection (collection `artifacts`). */
export const layerDocumentArtifactStore = layer
