import type { Agenda, JobParameters } from "agenda"
import { ObjectId } from "mongodb"
import { jobCollection } from "./jobCollection.ts"

const dateOrNull = (value: Date | string | null | undefined) => (value ? new Date(value) : null)

/**
 * Agenda writes a run's state by `{_id, name}` and removes a finished one-off job by `_id`. Enqueue reuses
 * two `_id`s per job key, so a run that ends late (two workers locked it on FerretDB, or its expired lock
 * was taken over) would null the next run of a newer job in the same slot and then delete it, and that
 * job's work would be lost. Here a run writes only while the job still carries the lock the run holds,
 * a release leaves a lock another worker took since alone, and removal by `_id` deletes only a job that
 * finished successfully and is unlocked; a waiting, running or dead job is never removed that way.
 */
export const guardRunWrites = (agenda: Agenda) => {
  const repository = agenda.db
  const jobs = jobCollection(agenda)
  // Keyed by the run's attrs object, which Agenda passes to every write of one run.
  const heldLocks = new WeakMap<JobParameters, Date | null>()

  repository.saveJobState = async (job, options) => {
    if (!job._id) throw new Error("Cannot save job state without job ID")
    const held = heldLocks.has(job) ? (heldLocks.get(job) ?? null) : dateOrNull(job.lockedAt)
    const lockedAt = dateOrNull(job.lockedAt)
    const result = await jobs.updateOne(
      { _id: new ObjectId(String(job._id)), name: job.name, lockedAt: held },
      {
        $set: {
          lockedAt,
          nextRunAt: dateOrNull(job.nextRunAt),
          lastRunAt: dateOrNull(job.lastRunAt),
          progress: job.progress ?? null,
          failReason: job.failReason ?? null,
          failCount: job.failCount ?? null,
          failedAt: dateOrNull(job.failedAt),
          lastFinishedAt: dateOrNull(job.lastFinishedAt),
          lastModifiedBy: options?.lastModifiedBy ?? null
        }
      }
    )
    // Agenda treats a failed write at the start of a run as "do not run", and ignores one at the end.
    if (result.matchedCount !== 1)
      throw new Error(`job ${String(job._id)} (${job.name}) is no longer held by this run`)
    heldLocks.set(job, lockedAt)
  }

  repository.unlockJob = async (job) => {
    if (!job._id) return
    await jobs.updateOne(
      {
        _id: new ObjectId(String(job._id)),
        nextRunAt: { $ne: null },
        ...(job.lockedAt ? { lockedAt: new Date(job.lockedAt) } : {})
      },
      { $unset: { lockedAt: true } }
    )
  }

  const removeJobs = repository.removeJobs.bind(repository)
  repository.removeJobs = async (options) => {
    const onlyById = options.id !== undefined && Object.keys(options).every((key) => key === "id")
    if (!onlyById) return removeJobs(options)
    if (!ObjectId.isValid(String(options.id))) return 0
    const removed = await jobs.deleteOne({
      _id: new ObjectId(String(options.id)),
      nextRunAt: null,
      lockedAt: null,
      lastFinishedAt: { $ne: null }
    })
    return removed.deletedCount
  }
}
