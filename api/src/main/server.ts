import { loadSigningKey } from "@certify/adapters/credentials"
import { closeAgenda, makeAgenda } from "@certify/adapters/jobs"
import { Effect, ManagedRuntime } from "effect"
import { createApp } from "../app/createApp.ts"
import { checkoutRoutes } from "../checkout/checkoutRoutes.ts"
import { logger } from "../observability/logger.ts"
import { webhookRoutes } from "../webhooks/webhookRoutes.ts"
import { agendashHandler } from "./agendash.ts"
import { makeAppLayer } from "./appLayer.ts"
import { embeddedAuthenticator } from "./embeddedUsers.ts"
import { listen } from "./listen.ts"
import { readRateBudgets } from "./rateBudgets.ts"
import { readiness } from "./readiness.ts"
import { readProcessSettings } from "./settings.ts"
import { onShutdown, runMain } from "./shutdown.ts"

/** The API process: tRPC, webhooks, checkout pages, verification, downloads, the web build. It runs no jobs. */
runMain("api", async () => {
  const settings = readProcessSettings()
  const agenda = await makeAgenda({ mongodbUri: settings.mongodbUri, name: `api-${process.pid}` })
  const signingKey = await loadSigningKey({ env: process.env, dataDir: settings.app.dataDir })
  const runtime = ManagedRuntime.make(makeAppLayer(settings, agenda, signingKey))
  await runtime.runPromise(Effect.void)
  const deps = { runtime, gateways: settings.gateways, logger }
  const app = createApp({
    runtime,
    config: settings.app,
    sessionSecret: settings.sessionSecret,
    platformApiKey: settings.platformApiKey,
    authenticator: embeddedAuthenticator(settings.sessionSecret, process.env),
    rateBudgets: readRateBudgets(process.env),
    logger,
    extraRouters: [webhookRoutes(deps), checkoutRoutes(deps)],
    agendash: agendashHandler(agenda),
    webDistDir: process.env.WEB_DIST_DIR ?? new URL("../../../web/dist", import.meta.url).pathname,
    readiness: readiness(runtime, settings.rendererUrl)
  })
  const server = await listen(app, settings.app.host, settings.app.port)
  logger.info({ url: server.url }, "api listening")
  onShutdown(async () => {
    await server.close()
    await closeAgenda(agenda)
    await runtime.dispose()
  })
})
