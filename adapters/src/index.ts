// Adapters: live implementations of the domain's ports.
export * as MongoLedger from "./mongo/layer.ts"
export { MissingUniqueIndex, MongoConnection, type MongoOptions } from "./mongo/MongoConnection.ts"
export { CorruptDocument } from "./mongo/documents.ts"
export { seedCatalog } from "./mongo/repositories/MongoCatalog.ts"
