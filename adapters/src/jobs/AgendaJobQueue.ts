import { JobQueue } from "@certify/domain"
import type { Agenda } from "agenda"
import { Effect, Layer } from "effect"
import { jobCollection, pendingFilter } from "./jobCollection.ts"
import { JOB_NAMES, jobData } from "./jobNames.ts"

/**
 * Enqueues a domain job unless one with the same key is already waiting, like the in-memory queue:
 * the same work enqueued twice is scheduled once, while a job that is running, done or dead gets a
 * fresh run (a reissue needs one). The check and the insert are two operations, so two processes
 * enqueueing the same key at the same instant can both insert — on MongoDB as on FerretDB, whose
 * conditional writes are not atomic anyway (Agenda's own `unique()` upsert has the same window there).
 * That is harmless by design: every job handler is idempotent and guarded by unique inserts.
 */
export const make = (agenda: Agenda) => {
  const jobs = jobCollection(agenda)
  return JobQueue.of({
    enqueue: Effect.fn("AgendaJobQueue.enqueue")((job) =>
      Effect.promise(async () => {
        const data = jobData(job)
        const name = JOB_NAMES[job._tag]
        const waiting = await jobs.findOne(
          { name, "data.key": data.key, ...pendingFilter },
          { projection: { _id: 1 } }
        )
        if (waiting !== null) return
        await agenda.create(name, data).schedule(new Date()).save()
      })
    )
  })
}

export const layer = (agenda: Agenda) => Layer.sync(JobQueue, () => make(agenda))
