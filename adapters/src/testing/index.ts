export { databasePipeline } from "./pipelineLayer.ts"
export { testDatabaseUri, testLedger } from "./testDatabase.ts"
