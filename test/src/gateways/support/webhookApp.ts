import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import type { GatewayConfig } from "@certify/adapters/gateways"
import { testLedger } from "@certify/adapters/testing"
import { type Gateway, GatewayEventId, GatewayEventInbox } from "@certify/domain"
import { EnqueuedJobs, MemoryJobQueue } from "@certify/domain/testing"
import { Effect, Layer, ManagedRuntime, Option, Schema } from "effect"
import { logger } from "../../../../api/src/observability/logger.ts"
import { type WebhookRuntime, webhookRoutes } from "../../../../api/src/webhooks/webhookRoutes.ts"

/** The ledger on the test database and the job queue in memory: what the webhook endpoints need. */
export const webhookRuntime = (name: string) =>
  ManagedRuntime.make(Layer.mergeAll(testLedger(name), MemoryJobQueue.layerMemory).pipe(Layer.orDie))

type Router = ReturnType<typeof webhookRoutes>
type Handler = (request: Parameters<Router>[0], response: Parameters<Router>[1], next: () => void) => unknown

/** Routers on a real HTTP server (the API mounts the same routers in its express app). */
export const serveRouter = async (...routers: ReadonlyArray<Handler>) => {
  const server = createServer((request, response) => {
    const notFound = () => {
      response.writeHead(404).end()
    }
    const next = (index: number): void => {
      const router = routers[index]
      if (router === undefined) {
        notFound()
        return
      }
      router(request as unknown as Parameters<Router>[0], response as unknown as Parameters<Router>[1], () =>
        next(index + 1)
      )
    }
    next(0)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

export const startWebhookApp = (runtime: WebhookRuntime, gateways: GatewayConfig, now?: () => Date) =>
  serveRouter(webhookRoutes({ runtime, gateways, logger, ...(now ? { now } : {}) }))

type Runtime = ReturnType<typeof webhookRuntime>

export const inboxRecord = (runtime: Runtime, gateway: Gateway, eventId: string) =>
  runtime.runPromise(
    GatewayEventInbox.use((inbox) =>
      inbox.get(gateway, Schema.decodeUnknownSync(GatewayEventId)(eventId))
    ).pipe(Effect.map(Option.getOrUndefined))
  )

export const enqueuedJobs = (runtime: Runtime) => runtime.runPromise(EnqueuedJobs.use((jobs) => jobs.peek))
