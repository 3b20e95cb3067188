import {
  type Agenda,
  type AgendaJob,
  backoffFor,
  DEFAULT_RETRY_POLICY,
  decodeJobData,
  JOB_NAMES,
  PermanentJobFailure,
  RECURRING_JOB_NAMES,
  RetryableJobFailure,
  type RetryPolicy,
  releaseLocksHeldBy,
  stillLockedBy
} from "@certify/adapters/jobs"
import { type Gateway, reconcileGateway, runJanitor, runJob, sweepInbox } from "@certify/domain"
import { Effect, Exit } from "effect"
import { Digest } from "effect/crypto"
import type { Logger } from "../observability/logger.ts"
import {
  emailFailures,
  jobsDeadLettered,
  jobsRetried,
  jobsRun,
  reconciliationFixes,
  reconciliationFlags
} from "../observability/metrics.ts"
import type { AppRuntime, AppServices } from "../runtime/AppRuntime.ts"
import { jobFailureOf, jobSubject, toThrown } from "./jobFailure.ts"

// Soon, but after the other worker's run has most likely finished (it makes the retry a no-op).
const DEFERRED_RETRY_MS = 5_000

export interface WorkerSchedules {
  /** How often the inbox sweeper runs (default "30 seconds"); "off" to not schedule it. */
  readonly sweepInboxEvery?: string
  /** How often each gateway is reconciled (default "15 minutes"); "off" to not schedule it. */
  readonly reconcileEvery?: string
  /** How often the janitor asks about stuck payments (default "5 minutes"); "off" to not schedule it. */
  readonly janitorEvery?: string
}

export interface WorkerOptions {
  readonly runtime: AppRuntime
  readonly agenda: Agenda
  readonly logger: Logger
  /** Jobs of one kind run at once in this process (default 5). */
  readonly concurrency?: number
  readonly schedules?: WorkerSchedules
  readonly retry?: RetryPolicy
  /** An inbox event unprocessed for this long is swept (default 30 s: well past a normal job's pickup). */
  readonly sweepDelayMs?: number
  /** How long `stop` waits for running jobs before leaving them to lock expiry (default 10 s). */
  readonly drainTimeoutMs?: number
}

/**
 * Defines every job handler and starts processing. Each handler runs a domain use case through the
 * runtime; the use cases are idempotent (unique inserts, claims), so a job run twice — a retry, or two
 * workers taking the same job where locking is not atomic (FerretDB) — has its effects once.
 */
export interface RunningWorker {
  /** Drains running jobs (up to `drainTimeoutMs`) and stops taking new ones. */
  stop(): Promise<void>
  /**
   * How many times this worker ran each job kind's use case, by job name (deferred runs excluded).
   * Lets a test see which worker did the work; the metrics count for the whole process.
   */
  readonly useCaseRuns: Readonly<Record<string, number>>
}

export const startWorker = async (options: WorkerOptions): Promise<RunningWorker> => {
  const { runtime, agenda, logger } = options
  const useCaseRuns: Record<string, number> = {}
  const concurrency = options.concurrency ?? 5
  const backoff = backoffFor(options.retry ?? DEFAULT_RETRY_POLICY)

  // The use cases hash audit entries with Digest, which AppServices does not (yet) include.
  const run = async <A, E>(effect: Effect.Effect<A, E, AppServices | Digest.Digest>) =>
    runtime.runPromiseExit(Effect.provide(effect, Digest.layerWebCrypto))

  for (const name of Object.values(JOB_NAMES)) {
    agenda.define(
      name,
      async (agendaJob: AgendaJob) => {
        const log = logger.child({ jobId: String(agendaJob.attrs._id), job: name })
        let job: ReturnType<typeof decodeJobData>
        try {
          job = decodeJobData(agendaJob.attrs.data)
        } catch (error) {
          jobsRun.inc({ job: name, outcome: "failed" })
          throw new PermanentJobFailure(`malformed job data: ${String(error)}`)
        }
        const subject = jobSubject(job)
        if (!(await stillLockedBy(agenda, agendaJob.attrs._id))) {
          // Not a success: both workers can see the other's name, and a job both "skipped" is lost.
          // A retry costs one backoff; the handlers make the other worker's run and the retry one effect.
          jobsRun.inc({ job: name, outcome: "deferred" })
          log.info(subject, "job taken by another worker; deferred to a retry")
          throw new RetryableJobFailure("taken by another worker at the same time", DEFERRED_RETRY_MS)
        }
        useCaseRuns[name] = (useCaseRuns[name] ?? 0) + 1
        const exit = await run<string, unknown>(runJob(job))
        if (Exit.isSuccess(exit)) {
          jobsRun.inc({ job: name, outcome: "succeeded" })
          log.info({ ...subject, outcome: exit.value }, "job done")
          return
        }
        const failure = jobFailureOf(exit.cause)
        jobsRun.inc({ job: name, outcome: "failed" })
        if (failure.tag === "MailUnavailable") emailFailures.inc({ kind: "transient" })
        if (failure.tag === "MailRejected") emailFailures.inc({ kind: "permanent" })
        log.warn(
          {
            ...subject,
            error: failure.tag,
            reason: failure.message,
            attempt: agendaJob.attrs.failCount ?? 0
          },
          "job failed"
        )
        throw toThrown(failure)
      },
      // No `lockLimit`: Agenda 6 can leave a lock counted after dropping the job from its local queue,
      // and with a limit those phantom locks starved a job kind for good in the chaos test.
      { concurrency, backoff }
    )
  }

  const recurring = (name: string, task: () => Promise<Record<string, unknown>>) =>
    agenda.define(
      name,
      async (agendaJob: AgendaJob) => {
        const log = logger.child({ jobId: String(agendaJob.attrs._id), job: name })
        const summary = await task()
        jobsRun.inc({ job: name, outcome: "succeeded" })
        log.info(summary, "recurring job done")
      },
      { concurrency: 1 }
    )
  const orThrow = <A>(exit: Exit.Exit<A, unknown>): A => {
    if (Exit.isSuccess(exit)) return exit.value
    const failure = jobFailureOf(exit.cause)
    throw toThrown(failure)
  }

  const sweepDelayMs = options.sweepDelayMs ?? 30_000
  recurring(RECURRING_JOB_NAMES.sweepInbox, async () => {
    const outcomes = orThrow(await run(sweepInbox(sweepDelayMs)))
    const parked = outcomes.filter((swept) => swept.parked)
    for (const swept of parked) {
      // An event given up on is its processing dead-lettered: counted with the jobs', and in manual review.
      jobsDeadLettered.inc({ job: JOB_NAMES.ProcessGatewayEvent })
      logger.error(
        { gateway: swept.gateway, eventId: swept.eventId, outcome: swept.outcome },
        "inbox event parked for manual review"
      )
    }
    return { swept: outcomes.length, parked: parked.length, outcomes: outcomes.slice(0, 20) }
  })
  const reconcile = (gateway: Gateway) => async () => {
    const result = orThrow(await run(reconcileGateway(gateway)))
    reconciliationFixes.inc({ gateway }, result.fixed)
    reconciliationFlags.inc({ gateway }, result.flagged)
    return {
      gateway,
      runId: result.runId,
      outcome: result.outcome,
      seen: result.seen,
      fixed: result.fixed,
      flagged: result.flagged
    }
  }
  recurring(RECURRING_JOB_NAMES.reconcileStripe, reconcile("stripe"))
  recurring(RECURRING_JOB_NAMES.reconcileRazorpay, reconcile("razorpay"))
  recurring(RECURRING_JOB_NAMES.janitor, async () => {
    const outcomes = orThrow(await run(runJanitor()))
    return { checked: outcomes.length, outcomes: outcomes.slice(0, 20) }
  })

  agenda.on("retry", (job: AgendaJob, details: { attempt: number; delay: number }) => {
    jobsRetried.inc({ job: job.attrs.name })
    logger.info(
      { jobId: String(job.attrs._id), job: job.attrs.name, attempt: details.attempt, delayMs: details.delay },
      "job retry scheduled"
    )
  })
  agenda.on("retry exhausted", (error: Error, job: AgendaJob) => {
    jobsDeadLettered.inc({ job: job.attrs.name })
    logger.error(
      {
        jobId: String(job.attrs._id),
        job: job.attrs.name,
        key: (job.attrs.data as { key?: string })?.key,
        error: error.message
      },
      "job dead-lettered"
    )
  })
  agenda.on("error", (error: Error) => logger.error({ err: error }, "job queue error"))

  const schedules = options.schedules ?? {}
  const schedule = async (every: string | undefined, fallback: string, names: ReadonlyArray<string>) => {
    const interval = every ?? fallback
    if (interval === "off") return
    for (const name of names) await agenda.every(interval, name, undefined, { skipImmediate: true })
  }
  const released = await releaseLocksHeldBy(agenda)
  if (released > 0) logger.info({ released }, "released the job locks a previous run of this worker held")
  await agenda.start()
  await schedule(schedules.sweepInboxEvery, "30 seconds", [RECURRING_JOB_NAMES.sweepInbox])
  await schedule(schedules.reconcileEvery, "15 minutes", [
    RECURRING_JOB_NAMES.reconcileStripe,
    RECURRING_JOB_NAMES.reconcileRazorpay
  ])
  await schedule(schedules.janitorEvery, "5 minutes", [RECURRING_JOB_NAMES.janitor])

  return {
    useCaseRuns,
    stop: async () => {
      const result = await agenda.drain({ timeout: options.drainTimeoutMs ?? 10_000, closeConnection: false })
      if (result.timedOut)
        logger.warn(
          { running: result.running },
          "worker stopped with jobs still running; their locks expire and another worker retries them"
        )
    }
  }
}
