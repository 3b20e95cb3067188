// `pnpm db`: the embedded default's local FerretDB alone, until Ctrl-C (for a shell, Compass or a test run).
import { readAppConfig } from "../config/AppConfig.ts"
import { resolveDatabase } from "./database.ts"

const db = await resolveDatabase(undefined, readAppConfig(process.env).dataDir)
console.log(`FerretDB is up: MONGODB_URI=${db.uri}`)
const stop = async () => {
  await db.stop()
  process.exit(0)
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
