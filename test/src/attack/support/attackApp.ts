import type { Server } from "node:http"
import type { AddressInfo } from "node:net"
import { MongoLedger } from "@certify/adapters"
import { layerCryptoIdGenerator } from "@certify/adapters/ids"
import { testDatabaseUri } from "@certify/adapters/testing"
import { CertificateLinks, Clock, PaymentId } from "@certify/domain"
import {
  deliverEvent,
  drainJobs,
  MemoryArtifactStore,
  MemoryCertificateCredentials,
  MemoryJobQueue,
  MemoryJobsAdmin,
  MemoryMailer,
  MemoryPaymentGateways,
  MemoryRenderer
} from "@certify/domain/testing"
import { Layer, ManagedRuntime, Schema } from "effect"
import { Digest } from "effect/crypto"
import { createApp } from "../../../../api/src/app/createApp.ts"
import { signIn } from "../../../../api/src/app/trpcHttp.ts"
import { logger } from "../../../../api/src/observability/logger.ts"
import { demoCompletions } from "../../../../api/src/platform/demoCompletions.ts"
import { defaultBudgets, type RateBudgets } from "../../../../api/src/ratelimit/RateLimits.ts"

export const PLATFORM_KEY = "attack-platform-key"
const SESSION_SECRET = "attack-session-secret"

/** Budgets high enough that a test probing many ids measures the answers, not the rate limiter. */
export const generousBudgets: RateBudgets = {
  startPurchase: { points: 100_000, durationSeconds: 60 },
  download: { points: 100_000, durationSeconds: 60 },
  verify: { points: 100_000, durationSeconds: 60 },
  platform: { points: 100_000, durationSeconds: 60 }
}

/**
 * The API's express app over real HTTP on a real database, with the production certificate id
 * generator; gateways, renderer, mail and jobs are the domain's stand-ins (jobs run when drained).
 */
export const startAttackApp = async (name: string, rateBudgets: RateBudgets = defaultBudgets) => {
  let baseUrl = "http://127.0.0.1:0"
  const mongodbUri = testDatabaseUri(name)
  const links = Layer.succeed(
    CertificateLinks,
    CertificateLinks.of({
      verificationUrl: (id) => `${baseUrl}/verify/${id}`,
      downloadUrl: (id) => `${baseUrl}/certificates/${id}/pdf`,
      issuer: "Certify Attack Academy"
    })
  )
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(
      MemoryPaymentGateways.layerMemory,
      MemoryJobQueue.layerMemory,
      MemoryRenderer.layerMemory,
      MemoryMailer.layerMemory,
      MemoryArtifactStore.layerMemory,
      layerCryptoIdGenerator,
      MemoryCertificateCredentials.layerMemory,
      MemoryJobsAdmin.layerMemory(),
      links,
      Clock.layer,
      Digest.layerWebCrypto
    ).pipe(Layer.provideMerge(Layer.orDie(MongoLedger.layer({ uri: mongodbUri }))))
  )
  const app = createApp({
    runtime,
    config: { host: "127.0.0.1", port: 0, mongodbUri: undefined, dataDir: ".data", publicBaseUrl: baseUrl },
    sessionSecret: SESSION_SECRET,
    platformApiKey: PLATFORM_KEY,
    logger: logger.child({ test: name }),
    rateBudgets,
    // Stands in for Agendash: the matrix checks the admin gate in front of it, not the dashboard.
    agendash: (_request, response) => void response.type("text/plain").send("job dashboard")
  })
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening))
  })
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const url = (path: string) => `${baseUrl}${path}`
  for (const body of demoCompletions) {
    const response = await fetch(url("/platform/v1/completions"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${PLATFORM_KEY}` },
      body: JSON.stringify(body)
    })
    if (!response.ok) throw new Error(`seeding a completion answered ${response.status}`)
  }
  return {
    runtime,
    url,
    baseUrl: () => baseUrl,
    mongodbUri,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await runtime.dispose()
    }
  }
}

export type AttackApp = Awaited<ReturnType<typeof startAttackApp>>

/** The learner buys the course, the gateway confirms, jobs run: an issued certificate of theirs. */
export const buyAndIssue = async (app: AttackApp, username: string, courseId: string) => {
  const learner = await signIn(app.url, username)
  const started = await learner.mutation("learner.startPurchase", {
    courseId,
    gateway: "stripe",
    requestId: `req-${username}-${courseId}`.slice(0, 80)
  })
  if (started.status !== 200) throw new Error(`startPurchase answered ${started.status}`)
  const paymentId = (started.data as { paymentId: string }).paymentId
  await app.runtime.runPromise(
    deliverEvent({
      gateway: "stripe",
      eventId: `evt_${username}_${courseId}`.replace(/[^A-Za-z0-9_]/g, "_"),
      kind: "payment_succeeded",
      paymentId: Schema.decodeUnknownSync(PaymentId)(paymentId)
    })
  )
  await app.runtime.runPromise(drainJobs)
  const certificates = (await learner.query("learner.certificates")).data as Array<{
    certificateId: string
    status: string
  }>
  const issued = certificates.find((c) => c.status === "issued")
  if (issued === undefined) throw new Error(`${username} has no issued certificate after paying`)
  return { learner, paymentId, certificateId: issued.certificateId }
}
