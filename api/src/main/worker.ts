import { loadSigningKey } from "@certify/adapters/credentials"
import { closeAgenda, makeAgenda } from "@certify/adapters/jobs"
import { Effect, ManagedRuntime } from "effect"
import { logger } from "../observability/logger.ts"
import { startWorker } from "../worker/startWorker.ts"
import { startWorkerMetricsServer } from "../worker/workerMetricsServer.ts"
import { commandProfileOf, makeAppLayer } from "./appLayer.ts"
import { readProcessSettings } from "./settings.ts"
import { onShutdown, runMain } from "./shutdown.ts"

/** A worker process: runs the background jobs (events, certificates, emails) and the scheduled sweeps. */
runMain("worker", async () => {
  const settings = readProcessSettings()
  const name = process.env.WORKER_NAME ?? `worker-${process.pid}`
  const agenda = await makeAgenda({
    mongodbUri: settings.mongodbUri,
    name,
    ...commandProfileOf(settings, "jobs database")
  })
  const signingKey = await loadSigningKey({ env: process.env, dataDir: settings.app.dataDir })
  const runtime = ManagedRuntime.make(makeAppLayer(settings, agenda, signingKey))
  await runtime.runPromise(Effect.void)
  // Health first: scheduling the recurring jobs can take a while on a busy database.
  const metrics = await startWorkerMetricsServer(Number(process.env.WORKER_PORT ?? 0))
  const env = process.env
  const worker = await startWorker({
    runtime,
    agenda,
    logger: logger.child({ worker: name }),
    schedules: {
      ...(env.SWEEP_INBOX_EVERY ? { sweepInboxEvery: env.SWEEP_INBOX_EVERY } : {}),
      ...(env.RECONCILE_EVERY ? { reconcileEvery: env.RECONCILE_EVERY } : {}),
      ...(env.JANITOR_EVERY ? { janitorEvery: env.JANITOR_EVERY } : {})
    },
    ...(env.SWEEP_DELAY_MS ? { sweepDelayMs: Number(env.SWEEP_DELAY_MS) } : {})
  })
  logger.info({ worker: name, metrics: metrics?.url }, "worker running")
  onShutdown(async () => {
    await worker.stop()
    await metrics?.close()
    await closeAgenda(agenda)
    await runtime.dispose()
  })
})
