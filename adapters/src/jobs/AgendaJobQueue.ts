import { createHash } from "node:crypto"
import { JobQueue } from "@certify/domain"
import type { Agenda, JobParameters } from "agenda"
import { Effect, Layer } from "effect"
import { MongoServerError, ObjectId } from "mongodb"
import { JOB_NAMES, jobData } from "./jobNames.ts"

/**
 * The `_id` of the waiting job for one piece of work. Looking it up by `_id` is an index lookup on any
 * server, and the only filter FerretDB does not answer by decoding the whole jobs collection: the
 * webhook's ack path enqueues, and a scan there grew with the backlog.
 */
const waitingJobId = (name: string, key: string, slot: number) =>
  new ObjectId(createHash("sha256").update(`${name}\n${key}\n${slot}`).digest().subarray(0, 12))

/** Slots per key: the job a worker runs, and the one that waits behind it; beyond, plain inserts. */
const SLOTS = 2

/**
 * Agenda clears a one-off job's next run when a worker starts it, and a dead job has none: a job with a
 * next run has not started (it may sit locked in a worker's queue), so it will read this work's state.
 */
const notStarted = (job: JobParameters) => job.nextRunAt !== null

const isDuplicateKey = (error: unknown) => error instanceof MongoServerError && error.code === 11000

/**
 * Enqueues a domain job unless one with the same key is already waiting, like the in-memory queue:
 * the same work enqueued twice is scheduled once, while a job that is running, done or dead gets a
 * fresh run (a reissue needs one). The job is inserted under its key's first `waitingJobId` slot only
 * if none is there (an upsert by `_id`); when the job there is running, dead or finished, the next slot
 * is tried, and past the last one the fresh run gets an id of its own. Two processes upserting at once:
 * the unique `_id` lets one insert, and the other's duplicate-key error means the work is waiting.
 * Every job handler is idempotent anyway.
 */
export const make = (agenda: Agenda) =>
  JobQueue.of({
    enqueue: Effect.fn("AgendaJobQueue.enqueue")((job) =>
      Effect.promise(async () => {
        const data = jobData(job)
        const name = JOB_NAMES[job._tag]
        const fresh = () => agenda.create(name, data).schedule(new Date())
        for (let slot = 0; slot < SLOTS; slot++) {
          try {
            const there = await fresh()
              .unique({ _id: waitingJobId(name, data.key, slot) }, { insertOnly: true })
              .save()
            if (notStarted(there.attrs)) return
          } catch (error) {
            if (isDuplicateKey(error)) return
            throw error
          }
        }
        await fresh().save()
      })
    )
  })

export const layer = (agenda: Agenda) => Layer.sync(JobQueue, () => make(agenda))
