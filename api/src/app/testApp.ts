import type { Server } from "node:http"
import type { AddressInfo } from "node:net"
import { MongoLedger, SystemClock } from "@certify/adapters"
import { testDatabaseUri } from "@certify/adapters/testing"
import { CertificateLinks, type IdGenerator, type JobSummary } from "@certify/domain"
import {
  MemoryArtifactStore,
  MemoryCertificateCredentials,
  MemoryIdGenerator,
  MemoryJobQueue,
  MemoryJobsAdmin,
  MemoryMailer,
  MemoryPaymentGateways,
  MemoryRenderer
} from "@certify/domain/testing"
import { Layer, ManagedRuntime } from "effect"
import { Digest } from "effect/crypto"
import type express from "express"

import { logger } from "../observability/logger.ts"
import type { RateBudgets } from "../ratelimit/RateLimits.ts"
import { createApp } from "./createApp.ts"

export const PLATFORM_KEY = "test-platform-key"
export const SESSION_SECRET = "test-session-secret"

export interface TestAppOptions {
  readonly rateBudgets?: RateBudgets
  /** Certificate and payment ids; default the deterministic in-memory generator. */
  readonly idGenerator?: Layer.Layer<IdGenerator>
  readonly issuer?: string
  readonly agendash?: express.RequestHandler
  /** The jobs the operators' JobsAdmin starts with (dead letters to retry, for example). */
  readonly jobs?: ReadonlyArray<JobSummary>
  readonly readiness?: () => Promise<Record<string, boolean>>
}

/** The real app over real HTTP and a real database; only gateways, renderer, mail and jobs are stand-ins. */
export const startTestApp = async (name: string, options: TestAppOptions = {}) => {
  let baseUrl = "http://127.0.0.1:0"
  const mongodbUri = testDatabaseUri(name)
  const links = Layer.succeed(
    CertificateLinks,
    CertificateLinks.of({
      verificationUrl: (id) => `${baseUrl}/verify/${id}`,
      downloadUrl: (id) => `${baseUrl}/certificates/${id}/pdf`,
      issuer: options.issuer ?? "Certify Test Academy"
    })
  )
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(
      MemoryPaymentGateways.layerMemory,
      MemoryJobQueue.layerMemory,
      MemoryRenderer.layerMemory,
      MemoryMailer.layerMemory,
      MemoryArtifactStore.layerMemory,
      options.idGenerator ?? MemoryIdGenerator.layerMemory,
      MemoryCertificateCredentials.layerMemory,
      MemoryJobsAdmin.layerMemory(options.jobs),
      links,
      SystemClock.layer,
      Digest.layerWebCrypto
    ).pipe(Layer.provideMerge(Layer.orDie(MongoLedger.layer({ uri: mongodbUri }))))
  )
  const app = createApp({
    runtime,
    config: { host: "127.0.0.1", port: 0, mongodbUri: undefined, dataDir: ".data", publicBaseUrl: baseUrl },
    sessionSecret: SESSION_SECRET,
    platformApiKey: PLATFORM_KEY,
    logger: logger.child({ test: name }),
    ...(options.rateBudgets === undefined ? {} : { rateBudgets: options.rateBudgets }),
    ...(options.agendash === undefined ? {} : { agendash: options.agendash }),
    ...(options.readiness === undefined ? {} : { readiness: options.readiness })
  })
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening))
  })
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    runtime,
    url: (path: string) => `${baseUrl}${path}`,
    baseUrl: () => baseUrl,
    mongodbUri,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await runtime.dispose()
    }
  }
}
