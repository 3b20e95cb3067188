import { mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { MongoLedger, SystemClock, seedDemoCatalog } from "@certify/adapters"
import { layerCertificateCredentials, loadSigningKey } from "@certify/adapters/credentials"
import {
  type Agenda,
  closeAgenda,
  layerJobQueue,
  layerJobsAdmin,
  makeAgenda,
  type RetryPolicy
} from "@certify/adapters/jobs"
import { layerSmtpMailer } from "@certify/adapters/mail"
import { layerHttpRenderer } from "@certify/adapters/renderer"
import { layerDocumentArtifactStore } from "@certify/adapters/storage"
import { testDatabaseUri } from "@certify/adapters/testing"

import { MemoryPaymentGateways } from "@certify/domain/testing"
import { Effect, Layer, ManagedRuntime } from "effect"
import { Digest } from "effect/crypto"
import { layerCryptoIdGenerator } from "../../../adapters/src/ids/index.ts"
import { layerCertificateLinks } from "../../../adapters/src/links/index.ts"
import { logger } from "../../../api/src/observability/logger.ts"
import { startWorker } from "../../../api/src/worker/startWorker.ts"

export const PUBLIC_BASE_URL = "https://certify.test"

/** A port nobody listens on now, for a service a test starts later (the "down, then back" cases). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

export const eventually = async <A>(
  probe: () => Promise<A | undefined>,
  what: string,
  timeoutMs = 30_000
): Promise<A> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export const FAST_RETRIES: RetryPolicy = { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 2_000, jitter: 0.1 }

export interface PipelineOptions {
  readonly name: string
  readonly rendererUrl: string
  readonly smtpPort: number
  readonly retry?: RetryPolicy
  /** Worker processes sharing the database (each with its own Agenda, as separate processes would). */
  readonly workers?: number
}

const servicesLayer = (uri: string, agenda: Agenda, options: PipelineOptions, dataDir: string) =>
  Layer.unwrap(
    Effect.promise(() => loadSigningKey({ env: {}, dataDir })).pipe(
      Effect.map((signingKey) =>
        Layer.mergeAll(
          layerDocumentArtifactStore,
          layerJobQueue(agenda),
          layerJobsAdmin(agenda),
          layerSmtpMailer({
            host: "127.0.0.1",
            port: options.smtpPort,
            secure: false,
            from: "Certify <certificates@certify.test>",
            timeoutMs: 3_000
          }),
          layerHttpRenderer({ url: options.rendererUrl, timeoutMs: 10_000 }),
          layerCryptoIdGenerator,
          layerCertificateLinks({ publicBaseUrl: PUBLIC_BASE_URL, issuer: "Certify Academy" }),
          layerCertificateCredentials(signingKey),
          MemoryPaymentGateways.layerMemory,
          SystemClock.layer,
          Digest.layerWebCrypto,
          Layer.effectDiscard(seedDemoCatalog)
        ).pipe(Layer.provideMerge(MongoLedger.layer({ uri })), Layer.orDie)
      )
    )
  )

/**
 * The certificate pipeline as production wires it — ledger and artifacts on the test database server,
 * Agenda jobs, the renderer over HTTP, real SMTP — with only the payment gateways in memory.
 */
export const startPipeline = async (options: PipelineOptions) => {
  const uri = testDatabaseUri(options.name)
  const dataDir = mkdtempSync(join(tmpdir(), "certify-pipeline-"))
  const nodes = await Promise.all(
    Array.from({ length: options.workers ?? 1 }, async (_, i) => {
      const agenda = await makeAgenda({ mongodbUri: uri, name: `${options.name}-${i}`, processEvery: 200 })
      const runtime = ManagedRuntime.make(servicesLayer(uri, agenda, options, dataDir))
      await runtime.runPromise(Effect.void)
      return { agenda, runtime }
    })
  )
  const workers = await Promise.all(
    nodes.map(({ agenda, runtime }, i) =>
      startWorker({
        runtime,
        agenda,
        logger: logger.child({ worker: i }),
        retry: options.retry ?? FAST_RETRIES,
        schedules: { sweepInboxEvery: "off", reconcileEvery: "off", janitorEvery: "off" },
        drainTimeoutMs: 2_000
      })
    )
  )
  const first = nodes[0]
  if (first === undefined) throw new Error("at least one worker")
  return {
    /** The first worker's runtime: where the test plays the learner and the operator. */
    runtime: first.runtime,
    agenda: first.agenda,
    /** Every worker's Agenda, to put work straight onto a chosen worker's queue. */
    agendas: nodes.map((node) => node.agenda),
    /** Per worker, how many times it ran each job kind's use case (by job name). */
    useCaseRuns: workers.map((worker) => worker.useCaseRuns),
    /** The ledger's database, to count what the ports have no query for. */
    uri,
    close: async () => {
      for (const worker of workers) await worker.stop()
      for (const node of nodes) {
        await closeAgenda(node.agenda)
        await node.runtime.dispose()
      }
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

export type Pipeline = Awaited<ReturnType<typeof startPipeline>>
