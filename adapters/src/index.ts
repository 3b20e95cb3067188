// Adapters: live implementations of the domain's ports.

export * as SystemClock from "./clock/SystemClock.ts"
export type { CommandShapeTotals } from "./mongo/commandProfile.ts"
export { CorruptDocument } from "./mongo/documents.ts"
export * as MongoLedger from "./mongo/layer.ts"
export { MissingUniqueIndex, MongoConnection, type MongoOptions } from "./mongo/MongoConnection.ts"
export { seedCatalog } from "./mongo/repositories/MongoCatalog.ts"
export { seedDemoCatalog } from "./mongo/seedDemoCatalog.ts"
