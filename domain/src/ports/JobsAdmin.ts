import { Context, type Effect } from "effect"

export type JobState = "queued" | "running" | "retrying" | "dead" | "completed"

/** One background job as an operator sees it. `key` is the job's idempotency key (see `jobKey`). */
export interface JobSummary {
  readonly jobId: string
  readonly name: string
  readonly key: string
  readonly state: JobState
  readonly attempts: number
  readonly lastError?: string
  readonly nextRunAt?: Date
  readonly lastRunAt?: Date
  readonly failedAt?: Date
}

/** The operators' view of the job queue: dead letters, stuck jobs and the retry of one. */
export class JobsAdmin extends Context.Service<
  JobsAdmin,
  {
    readonly counts: Effect.Effect<Readonly<Record<JobState, number>>>
    /** Jobs that used up their attempts, newest first. */
    readonly deadLetters: (limit: number) => Effect.Effect<ReadonlyArray<JobSummary>>
    /** Jobs locked longer than `olderThanMillis` (a crashed worker's), oldest first. */
    readonly stuck: (olderThanMillis: number, limit: number) => Effect.Effect<ReadonlyArray<JobSummary>>
    /** Jobs whose key mentions the subject (payment, event, entitlement or certificate id). */
    readonly forSubject: (subjectId: string, limit: number) => Effect.Effect<ReadonlyArray<JobSummary>>
    /** Schedules a dead job again with fresh attempts. */
    readonly retry: (jobId: string) => Effect.Effect<"retried" | "not_found" | "not_dead">
  }
>()("certify/domain/ports/JobsAdmin") {}
