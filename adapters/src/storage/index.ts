import { layer as documentLayer } from "./DocumentArtifactStore.ts"
import { layer as gridFsLayer } from "./GridFsArtifactStore.ts"
import { layer as selectedLayer } from "./selectArtifactStore.ts"

export { MAX_ARTIFACT_BYTES } from "@certify/domain"
export { ARTIFACT_COLLECTION } from "./DocumentArtifactStore.ts"
export { ARTIFACT_BUCKET } from "./GridFsArtifactStore.ts"
export {
  type ArtifactStoreKind,
  type ArtifactStoreSelection,
  chooseArtifactStore,
  parseArtifactStoreKind
} from "./selectArtifactStore.ts"

/** `ArtifactStore` as one document per artifact on the ledger's own connection (collection `artifacts`). */
export const layerDocumentArtifactStore = documentLayer

/** `ArtifactStore` in GridFS on the ledger's own database (bucket `artifacts`, one file per key). */
export const layerGridFsArtifactStore = gridFsLayer

/** `ArtifactStore` picked at startup: GridFS, or the document store on FerretDB, or what ARTIFACT_STORE says. */
export const layerArtifactStore = selectedLayer
