import { createExpressMiddleware } from "@trpc/server/adapters/express"
import { Effect } from "effect"
import type { Authenticator } from "../auth/Authenticator.ts"
import type { DownloadLinks } from "../downloads/DownloadLinks.ts"
import { clientKey } from "../http/clientKey.ts"
import type { RateLimits } from "../ratelimit/RateLimits.ts"
import type { AppRuntime } from "../runtime/AppRuntime.ts"
import { appRouter } from "../trpc/AppRouter.ts"
import type { TrpcContext } from "../trpc/context.ts"
import { localsOf } from "./requestContext.ts"

/** `/trpc`: queries, mutations and SSE subscriptions, each with the caller's session and request id. */
export const trpcMiddleware = (deps: {
  runtime: AppRuntime
  authenticator: Authenticator["Service"]
  downloadLinks: DownloadLinks
  rateLimits: RateLimits
}) =>
  createExpressMiddleware({
    router: appRouter,
    createContext: async ({ req, res }): Promise<TrpcContext> => {
      const { requestId, logger } = localsOf(res)
      const session = await Effect.runPromise(deps.authenticator.sessionFrom(req.headers.cookie))
      return {
        session,
        runtime: deps.runtime,
        requestId,
        logger: session === undefined ? logger : logger.child({ userId: session.userId }),
        authenticator: deps.authenticator,
        downloadLinks: deps.downloadLinks,
        rateLimits: deps.rateLimits,
        clientKey: clientKey(req),
        setCookie: (cookie) => void res.append("Set-Cookie", cookie),
        setHeader: (name, value) => void res.setHeader(name, value)
      }
    },
    onError: ({ error, path, ctx }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        ctx?.logger.error({ path, err: error.cause ?? error }, "procedure failed")
    }
  })
