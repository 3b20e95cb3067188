import { MemoryArtifactStore } from "@certify/domain/testing"
import { Layer } from "effect"
import { MongoConnection } from "../mongo/MongoConnection.ts"
import { testDatabaseUri } from "../testing/testDatabase.ts"
import { artifactStoreContract } from "./artifactStoreContract.ts"
import { layerDocumentArtifactStore, layerGridFsArtifactStore } from "./index.ts"

const connection = MongoConnection.layer({ uri: testDatabaseUri("artifact_contract") })

artifactStoreContract("in memory", MemoryArtifactStore.layerMemory)
artifactStoreContract(
  "documents on the test server",
  layerDocumentArtifactStore.pipe(Layer.provide(connection))
)
// The test server is FerretDB, where GridFS is not the default (it is slower there) but must still work.
artifactStoreContract("GridFS on the test server", layerGridFsArtifactStore.pipe(Layer.provide(connection)))
