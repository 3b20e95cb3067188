import { existsSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import express, { type NextFunction, type Request, type Response } from "express"
import { Authenticator } from "../auth/Authenticator.ts"
import * as DemoSessions from "../auth/DemoSessions.ts"
import type { AppConfig } from "../config/AppConfig.ts"
import { makeDownloadLinks } from "../downloads/DownloadLinks.ts"
import { downloadRoutes } from "../downloads/downloadRoutes.ts"
import type { Logger } from "../observability/logger.ts"
import { completionsRoute } from "../platform/completionsRoute.ts"
import { defaultBudgets, makeRateLimits, type RateBudgets } from "../ratelimit/RateLimits.ts"
import type { AppRuntime } from "../runtime/AppRuntime.ts"
import { verifyRoutes } from "../verify/verifyRoutes.ts"
import { operationsRoutes } from "./operationsRoutes.ts"
import { localsOf, requestContext } from "./requestContext.ts"
import { trpcMiddleware } from "./trpcMiddleware.ts"

export interface AppDeps {
  readonly runtime: AppRuntime
  readonly config: AppConfig
  readonly sessionSecret: string
  readonly platformApiKey: string
  readonly logger: Logger
  /** Mounted before the API routes: the webhook and checkout routers. */
  readonly extraRouters?: ReadonlyArray<express.Router>
  /** The job dashboard, mounted at /ops/jobs behind the admin role. */
  readonly agendash?: express.RequestHandler
  /** The web client's production build; non-API GETs fall back to its index.html. */
  readonly webDistDir?: string
  readonly readiness?: () => Promise<Record<string, boolean>>
  /** The user system; the embedded default is the demo sessions signed with `sessionSecret`. */
  readonly authenticator?: Authenticator["Service"]
  readonly rateBudgets?: RateBudgets
}

/** Paths the server owns; every other GET is a screen of the web client (so a hard reload works). */
const serverPaths = [
  /^\/trpc(\/|$)/,
  /^\/platform\//,
  /^\/verify\//,
  /^\/certificates\/[^/]+\/[^/]+$/,
  /^\/ops\/jobs(\/|$)/,
  /^\/webhooks\//,
  /^\/checkout\//,
  /^\/\.well-known\//,
  /^\/(metrics|healthz|readyz)$/
]

export const JOB_DASHBOARD_READ_ONLY =
  "The job dashboard is read-only: job changes must be audited. Retry a dead job with ops.retryJob (ops console, Dead letters) and a reason."

/** The API process's HTTP surface, one express app. */
export const createApp = (deps: AppDeps): express.Express => {
  const authenticator: Authenticator["Service"] =
    deps.authenticator ??
    Effect.runSync(
      Authenticator.use((service) => Effect.succeed(service)).pipe(
        Effect.provide(DemoSessions.layer({ secret: deps.sessionSecret }))
      )
    )
  const rateLimits = makeRateLimits(deps.rateBudgets ?? defaultBudgets)
  const downloadLinks = makeDownloadLinks({
    secret: deps.sessionSecret,
    publicBaseUrl: deps.config.publicBaseUrl
  })
  const { runtime, logger } = deps

  const app = express()
  app.disable("x-powered-by")
  app.set("query parser", "simple")
  app.use(requestContext(logger))
  app.use(operationsRoutes(deps.readiness))
  app.use(completionsRoute({ runtime, platformApiKey: deps.platformApiKey, rateLimits, logger }))
  for (const router of deps.extraRouters ?? []) app.use(router)
  app.use(verifyRoutes({ runtime, rateLimits, logger }))
  app.use(downloadRoutes({ runtime, authenticator, downloadLinks, rateLimits, logger }))
  app.use("/trpc", trpcMiddleware({ runtime, authenticator, downloadLinks, rateLimits }))

  if (deps.agendash !== undefined) {
    const dashboard = deps.agendash
    app.use("/ops/jobs", async (request, response, next) => {
      const session = await Effect.runPromise(authenticator.sessionFrom(request.headers.cookie))
      if (session?.role !== "admin")
        return void response
          .status(session ? 403 : 401)
          .type("text/plain")
          .send("operators only")
      // Agendash's create/delete/requeue/pause change jobs with no audit record: look only, act through ops.retryJob.
      if (request.method !== "GET" && request.method !== "HEAD")
        return void response
          .status(405)
          .setHeader("Allow", "GET, HEAD")
          .type("text/plain")
          .send(JOB_DASHBOARD_READ_ONLY)
      localsOf(response).logger.info({ operatorId: session.userId, path: request.path }, "job dashboard")
      dashboard(request, response, next)
    })
  }

  const webDistDir = deps.webDistDir
  if (webDistDir !== undefined && existsSync(join(webDistDir, "index.html"))) {
    app.use(express.static(webDistDir, { index: false, maxAge: "1h" }))
    app.get(/.*/, (request, response, next) => {
      if (serverPaths.some((path) => path.test(request.path))) return next()
      response.setHeader("Cache-Control", "no-cache")
      response.sendFile(join(webDistDir, "index.html"))
    })
  }

  app.use((_request, response) => void response.status(404).json({ error: "not found" }))
  // Last resort: log the details, answer without them.
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    localsOf(response).logger?.error({ err: error }, "unhandled error")
    if (!response.headersSent) response.status(500).json({ error: "internal error" })
    else response.end()
  })
  return app
}
