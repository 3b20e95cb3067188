export { testDatabaseUri, testLedger } from "./testDatabase.ts"
export { databasePipeline, seedDemoCatalog } from "./pipelineLayer.ts"
