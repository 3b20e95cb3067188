import { createHash } from "node:crypto"
import { JobQueue } from "@certify/domain"
import { type Agenda, type Job as AgendaJob, toJobId } from "agenda"
import { Effect, Layer } from "effect"
import { MongoServerError, ObjectId } from "mongodb"
import { jobCollection } from "./jobCollection.ts"
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
 * Enqueues a domain job unless one with the same key is already waiting, like the in-memory queue:
 * the same work enqueued twice is scheduled once, while a job that is running, done or dead gets a
 * fresh run (a reissue needs one). The job is inserted under its key's first `waitingJobId` slot; if a
 * job is there and has not started, the work is waiting; if it has started, is dead or finished, the
 * next slot is tried, and past the last one the fresh run gets an id of its own. A plain insert under a
 * unique `_id` is the one cheap and atomic write on FerretDB (an upsert that inserts costs a scan there).
 * Every job handler is idempotent anyway.
 */
export const make = (agenda: Agenda) => {
  const jobs = jobCollection(agenda)
  const insertUnder = async (id: ObjectId, job: AgendaJob) => {
    try {
      await jobs.insertOne({
        ...job.toJson(true),
        _id: id,
        lockedAt: null,
        lastModifiedBy: agenda.attrs.name ?? null
      })
      return true
    } catch (error) {
      if (error instanceof MongoServerError && error.code === 11000) return false
      throw error
    }
  }
  return JobQueue.of({
    enqueue: Effect.fn("AgendaJobQueue.enqueue")((job) =>
      Effect.promise(async () => {
        const data = jobData(job)
        const name = JOB_NAMES[job._tag]
        const fresh = () => agenda.create(name, data).schedule(new Date())
        for (let slot = 0; slot < SLOTS; slot++) {
          const id = waitingJobId(name, data.key, slot)
          const created = fresh()
          if (await insertUnder(id, created)) {
            created.attrs._id = toJobId(id.toHexString())
            // What `save()` does after its insert: a worker in this process starts the job at once.
            await agenda.publishJobNotification(created)
            return
          }
          // Agenda clears a one-off job's next run when a worker starts it, and a dead job has none: one
          // with a next run has not started (it may sit locked in a queue), so it will read this work's state.
          const there = await jobs.findOne({ _id: id }, { projection: { nextRunAt: 1 } })
          if (there !== null && there.nextRunAt != null) return
        }
        await fresh().save()
      })
    )
  })
}
export const layer = (agenda: Agenda) => Layer.sync(JobQueue, () => make(agenda))
