import { type JobState, type JobSummary, JobsAdmin } from "@certify/domain"
import type { Agenda } from "agenda"
import { Effect, Layer } from "effect"
import { type Document, type Filter, ObjectId } from "mongodb"
import { jobCollection } from "./jobCollection.ts"

const failed = { failCount: { $gt: 0 } }
const notFailed = { $or: [{ failCount: null }, { failCount: 0 }] }
const idle = { lockedAt: null }

/**
 * States as Agenda leaves its documents: a one-time job's `nextRunAt` is cleared when it starts and
 * set again only by a retry, and a success resets `failCount`. So a job with no next run, no lock and
 * failures is one whose retries were exhausted (or refused): a dead letter.
 */
export const STATE_FILTERS: Readonly<Record<JobState, Filter<Document>>> = {
  running: { lockedAt: { $ne: null } },
  queued: { ...idle, nextRunAt: { $ne: null }, ...notFailed },
  retrying: { ...idle, nextRunAt: { $ne: null }, ...failed },
  dead: { ...idle, nextRunAt: null, ...failed },
  completed: { ...idle, nextRunAt: null, ...notFailed }
}

export const stateOf = (doc: Document): JobState => {
  if (doc.lockedAt) return "running"
  const hasFailed = typeof doc.failCount === "number" && doc.failCount > 0
  if (doc.nextRunAt) return hasFailed ? "retrying" : "queued"
  return hasFailed ? "dead" : "completed"
}

const dateOf = (value: unknown) => (value instanceof Date ? value : undefined)

export const summaryOf = (doc: Document): JobSummary => {
  const nextRunAt = dateOf(doc.nextRunAt)
  const lastRunAt = dateOf(doc.lastRunAt)
  const failedAt = dateOf(doc.failedAt)
  return {
    jobId: String(doc._id),
    name: String(doc.name),
    key: typeof doc.data?.key === "string" ? doc.data.key : String(doc.name),
    state: stateOf(doc),
    attempts: typeof doc.failCount === "number" ? doc.failCount : 0,
    ...(typeof doc.failReason === "string" ? { lastError: doc.failReason } : {}),
    ...(nextRunAt === undefined ? {} : { nextRunAt }),
    ...(lastRunAt === undefined ? {} : { lastRunAt }),
    ...(failedAt === undefined ? {} : { failedAt })
  }
}

const latestMoment = (job: JobSummary) =>
  Math.max(job.nextRunAt?.getTime() ?? 0, job.lastRunAt?.getTime() ?? 0, job.failedAt?.getTime() ?? 0)

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** Operators' view of the Agenda jobs: counts by state, dead letters, stuck locks, retry of a dead job. */
export const make = (agenda: Agenda) => {
  const jobs = jobCollection(agenda)
  const list = (filter: Filter<Document>, sort: Record<string, 1 | -1>, limit: number) =>
    Effect.promise(() => jobs.find(filter).sort(sort).limit(limit).toArray()).pipe(
      Effect.map((docs) => docs.map(summaryOf))
    )
  return JobsAdmin.of({
    counts: Effect.promise(async () => {
      const entries = await Promise.all(
        Object.entries(STATE_FILTERS).map(async ([state, filter]) => [
          state,
          await jobs.countDocuments(filter)
        ])
      )
      return Object.fromEntries(entries) as Record<JobState, number>
    }),
    deadLetters: (limit) => list(STATE_FILTERS.dead, { failedAt: -1 }, limit),
    stuck: (olderThanMillis, limit) =>
      list({ lockedAt: { $lte: new Date(Date.now() - olderThanMillis) } }, { lockedAt: 1 }, limit),
    // Newest first by the job's latest moment: ids derived from job keys carry no time.
    forSubject: (subjectId, limit) =>
      Effect.promise(() => jobs.find({ "data.key": { $regex: escapeRegex(subjectId) } }).toArray()).pipe(
        Effect.map((docs) =>
          docs
            .map(summaryOf)
            .sort((a, b) => latestMoment(b) - latestMoment(a))
            .slice(0, limit)
        )
      ),
    retry: Effect.fn("AgendaJobsAdmin.retry")((jobId: string) =>
      Effect.promise(async () => {
        if (!ObjectId.isValid(jobId)) return "not_found" as const
        const _id = new ObjectId(jobId)
        const doc = await jobs.findOne({ _id })
        if (doc === null) return "not_found" as const
        if (stateOf(doc) !== "dead") return "not_dead" as const
        // failReason and failedAt stay as history; a zero failCount restarts the backoff from the first step.
        await jobs.updateOne({ _id }, { $set: { nextRunAt: new Date(), failCount: 0 } })
        return "retried" as const
      })
    )
  })
}

export const layer = (agenda: Agenda) => Layer.sync(JobsAdmin, () => make(agenda))
