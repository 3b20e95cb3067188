import { join } from "node:path"
import { startLocalFerretDb } from "@certify/adapters/localdb"

/** MONGODB_URI when set (any MongoDB 6.0+), otherwise a local FerretDB the process owns. */
export const resolveDatabase = async (mongodbUri: string | undefined, dataDir: string) => {
  if (mongodbUri) return { uri: mongodbUri, stop: async () => undefined, local: false }
  const db = await startLocalFerretDb({ dataDir: join(dataDir, "ferretdb"), database: "certify" })
  return { uri: db.uri, stop: db.stop, local: true }
}
