import type { AddressInfo } from "node:net"
import { testLedger } from "@certify/adapters/testing"
import { CertificateLinks, Clock } from "@certify/domain"
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

import { logger } from "../observability/logger.ts"
import type { RateBudgets } from "../ratelimit/RateLimits.ts"
import { createApp } from "./createApp.ts"

export const PLATFORM_KEY = "test-platform-key"
export const SESSION_SECRET = "test-session-secret"

/** The real app over real HTTP and a real database; only gateways, renderer, mail and jobs are stand-ins. */
export const startTestApp = async (name: string, rateBudgets?: RateBudgets) => {
  let baseUrl = "http://127.0.0.1:0"
  const links = Layer.succeed(
    CertificateLinks,
    CertificateLinks.of({
      verificationUrl: (id) => `${baseUrl}/verify/${id}`,
      downloadUrl: (id) => `${baseUrl}/certificates/${id}/pdf`,
      issuer: "Certify Test Academy"
    })
  )
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(
      MemoryPaymentGateways.layerMemory,
      MemoryJobQueue.layerMemory,
      MemoryRenderer.layerMemory,
      MemoryMailer.layerMemory,
      MemoryArtifactStore.layerMemory,
      MemoryIdGenerator.layerMemory,
      MemoryCertificateCredentials.layerMemory,
      MemoryJobsAdmin.layerMemory(),
      links,
      Clock.layer,
      Digest.layerWebCrypto
    ).pipe(Layer.provideMerge(Layer.orDie(testLedger(name))))
  )
  const app = createApp({
    runtime,
    config: { host: "127.0.0.1", port: 0, mongodbUri: undefined, dataDir: ".data", publicBaseUrl: baseUrl },
    sessionSecret: SESSION_SECRET,
    platformApiKey: PLATFORM_KEY,
    logger,
    ...(rateBudgets === undefined ? {} : { rateBudgets })
  })
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening))
  })
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    runtime,
    url: (path: string) => `${baseUrl}${path}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await runtime.dispose()
    }
  }
}
