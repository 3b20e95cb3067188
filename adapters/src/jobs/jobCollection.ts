import { MongoJobRepository } from "@agendajs/mongo-backend"
import type { Agenda } from "agenda"
import { type Collection, type Document, ObjectId } from "mongodb"

export const JOBS_COLLECTION = "agendaJobs"

/** The jobs collection behind an Agenda made by `makeAgenda`, for the queries Agenda has no API for. */
export const jobCollection = (agenda: Agenda): Collection<Document> => {
  if (!(agenda.db instanceof MongoJobRepository))
    throw new Error("the job queue needs Agenda's MongoDB backend (use makeAgenda)")
  return agenda.db.collection as unknown as Collection<Document>
}

/**
 * Whether this process still holds the job's lock. On FerretDB two workers can both lock a job (the
 * conditional update is not atomic) and the later write wins; the earlier one sees the other's name here
 * and steps aside. It narrows the window rather than closing it, which the handlers' idempotency covers.
 */
export const stillLockedBy = async (agenda: Agenda, jobId: unknown): Promise<boolean> => {
  const owner = agenda.attrs.name
  if (!owner || (typeof jobId !== "string" && !(jobId instanceof ObjectId))) return true
  const doc = await jobCollection(agenda).findOne(
    { _id: new ObjectId(String(jobId)) },
    { projection: { lastModifiedBy: 1 } }
  )
  return doc === null || doc.lastModifiedBy === owner
}

/**
 * Unlocks the jobs this process's name still holds: called before a worker starts, so the jobs a
 * SIGKILLed predecessor of the same name had locked run now instead of after the lock lifetime.
 * Only meaningful for stable names (`worker-1`), and only while no other live process shares the name.
 * Agenda clears a one-off job's next run when it starts it; such a job was cut off mid-run and is due
 * again now, or nothing would ever pick it up (Agenda finds unlocked jobs by their next run).
 */
export const releaseLocksHeldBy = async (agenda: Agenda): Promise<number> => {
  const owner = agenda.attrs.name
  if (!owner) return 0
  const jobs = jobCollection(agenda)
  const held = { lastModifiedBy: owner, lockedAt: { $ne: null } }
  const cutOff = await jobs.updateMany(
    { ...held, nextRunAt: null },
    { $set: { lockedAt: null, nextRunAt: new Date() } }
  )
  const waiting = await jobs.updateMany(held, { $set: { lockedAt: null } })
  return cutOff.modifiedCount + waiting.modifiedCount
}
