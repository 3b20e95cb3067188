import { MongoConnection, MongoLedger, seedDemoCatalog } from "@certify/adapters"
import { Effect, ManagedRuntime } from "effect"
import { readAppConfig } from "../config/AppConfig.ts"
import { startHttpServer } from "../http/HttpServer.ts"
import { healthRoutes } from "../http/healthRoutes.ts"
import { resolveDatabase } from "./database.ts"

const log = (msg: string, fields: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), msg, ...fields }))

/** The composition root: database, ledger layers, HTTP. Later issues add the workers, renderer and web. */
const main = async () => {
  const config = readAppConfig()
  const database = await resolveDatabase(config.mongodbUri, config.dataDir)
  log("database ready", { local: database.local })
  const runtime = ManagedRuntime.make(MongoLedger.layer({ uri: database.uri }))
  await runtime.runPromise(seedDemoCatalog)
  const pingDatabase = () =>
    runtime.runPromise(
      MongoConnection.use(({ connection }) =>
        Effect.promise(() => connection.db?.admin().ping() ?? Promise.reject(new Error("no db")))
      ).pipe(Effect.asVoid)
    )
  const server = await startHttpServer(healthRoutes({ database: pingDatabase }), config.host, config.port)
  log("certify is up", { url: server.url, health: `${server.url}/healthz` })

  const shutdown = async (signal: string) => {
    log("shutting down", { signal })
    await server.close()
    await runtime.dispose()
    await database.stop()
    process.exit(0)
  }
  process.once("SIGINT", () => void shutdown("SIGINT"))
  process.once("SIGTERM", () => void shutdown("SIGTERM"))
}

main().catch((error: unknown) => {
  console.error(
    JSON.stringify({
      level: "fatal",
      msg: "startup failed",
      error: error instanceof Error ? error.message : String(error)
    })
  )
  process.exit(1)
})
