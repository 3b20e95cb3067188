import type { Agenda, JobParameters, JobRepositoryOptions, NotificationChannel } from "agenda"
import { toJobId } from "agenda"
import { ObjectId } from "mongodb"
import { jobCollection } from "./jobCollection.ts"

export interface ScanOnceOptions {
  /**
   * Jobs of one kind this process holds locked (running or queued) before it claims more from a scan.
   * Without a cap the first worker to poll locks the whole backlog and the others idle (and its queued
   * locks can expire before it gets to them).
   */
  readonly locksHeldPerKind: number
  /** At most one scan this often; a claim in between uses the last scan's candidates. */
  readonly minScanIntervalMs: number
}

interface Candidate {
  readonly id: ObjectId
  readonly nextRunAt: Date | null
  /** Set for a job whose lock had expired at the scan: a crashed worker's. */
  readonly lockedAt: Date | null
}

/**
 * Replaces how Agenda finds the next job to lock. Agenda runs one `findOneAndUpdate` per job kind per
 * lock, plus one that finds nothing, and FerretDB answers each by decoding the whole jobs collection:
 * a poll over a backlog of B jobs cost O(B²) decoding, and under the chaos test's backlog the polls took
 * most of the database's CPU. Here a poll reads the lockable jobs of every kind with one query, then
 * locks them one by one by `_id` (which FerretDB looks up directly) with the same conditions Agenda uses.
 * Jobs this process inserts are locked by `_id` at once, without waiting for a scan.
 *
 * Locking stays a conditional update on each job, as in Agenda; what it cannot exclude on FerretDB
 * (two workers locking one job) the worker's `stillLockedBy` check and idempotent handlers cover.
 */
export const scanOnceJobClaims = (
  agenda: Agenda,
  notifications: NotificationChannel,
  options: ScanOnceOptions
) => {
  const repository = agenda.db
  const jobs = jobCollection(agenda)
  const scanned = new Map<string, Candidate[]>()
  const insertedHere = new Map<string, Candidate[]>()
  let scannedAt = Number.NEGATIVE_INFINITY
  let scanning: Promise<void> | undefined

  const scan = async (horizon: Date, lockDeadline: Date) => {
    const docs = await jobs
      .find(
        {
          name: { $in: Object.keys(agenda.definitions) },
          disabled: { $ne: true },
          $or: [
            { lockedAt: null, nextRunAt: { $lte: horizon } },
            { lockedAt: { $ne: null, $lte: lockDeadline } }
          ]
        },
        { projection: { name: 1, nextRunAt: 1, lockedAt: 1 } }
      )
      .sort({ nextRunAt: 1, priority: -1 })
      .toArray()
    scanned.clear()
    for (const doc of docs) {
      const list = scanned.get(doc.name) ?? []
      list.push({ id: doc._id, nextRunAt: doc.nextRunAt ?? null, lockedAt: doc.lockedAt ?? null })
      scanned.set(doc.name, list)
    }
    scannedAt = Date.now()
  }

  const freshScan = (horizon: Date, lockDeadline: Date) => {
    if (scanning === undefined && Date.now() - scannedAt >= options.minScanIntervalMs)
      scanning = scan(horizon, lockDeadline).finally(() => {
        scanning = undefined
      })
    return scanning
  }

  /** The next scanned job of this kind that is lockable now; jobs held by a live worker are dropped. */
  const nextScanned = (name: string, nextScanAt: Date, lockDeadline: Date): Candidate | undefined => {
    const list = scanned.get(name) ?? []
    while (list.length > 0) {
      const candidate = list[0] as Candidate
      if (candidate.lockedAt !== null) {
        list.shift()
        if (candidate.lockedAt <= lockDeadline) return candidate
        continue
      }
      // Sorted by run time: the first one not due yet ends this scan's work for the kind.
      if (candidate.nextRunAt !== null && candidate.nextRunAt > nextScanAt) return undefined
      return list.shift()
    }
    return undefined
  }

  const lock = async (name: string, candidate: Candidate, lockOptions: JobRepositoryOptions | undefined) => {
    if (candidate.lockedAt !== null) {
      // Take over an expired lock only as it stood at the scan (a worker that renewed it keeps it), in one
      // update: released first, a job that was running (no next run) would be left where nothing finds it.
      const taken = await jobs.updateOne(
        { _id: candidate.id, lockedAt: candidate.lockedAt, disabled: { $ne: true } },
        { $set: { lockedAt: new Date(), lastModifiedBy: lockOptions?.lastModifiedBy ?? null } }
      )
      if (taken.modifiedCount === 0) return undefined
      return (await repository.getJobById(candidate.id.toHexString())) ?? undefined
    }
    const job: JobParameters = {
      _id: toJobId(candidate.id.toHexString()),
      name,
      priority: 0,
      nextRunAt: candidate.nextRunAt,
      type: "normal",
      data: undefined
    }
    return repository.lockJob(job, lockOptions)
  }

  repository.getNextJobToRun = async (name, nextScanAt, lockDeadline, _now, lockOptions) => {
    for (;;) {
      let candidate = insertedHere.get(name)?.shift()
      if (candidate === undefined) {
        await freshScan(nextScanAt, lockDeadline)
        if (locksHeld(agenda, name) >= options.locksHeldPerKind) return undefined
        candidate = nextScanned(name, nextScanAt, lockDeadline)
        if (candidate === undefined) return undefined
      }
      const locked = await lock(name, candidate, lockOptions)
      if (locked !== undefined) return locked
    }
  }

  // Agenda announces every job saved in this process, before its processor fills its queue.
  notifications.subscribe((notification) => {
    const due = notification.nextRunAt !== null && notification.nextRunAt.getTime() <= Date.now()
    if (!due || !agenda.definitions[notification.jobName]) return
    const list = insertedHere.get(notification.jobName) ?? []
    list.push({
      id: new ObjectId(String(notification.jobId)),
      nextRunAt: notification.nextRunAt,
      lockedAt: null
    })
    insertedHere.set(notification.jobName, list)
  })
}

interface JobProcessorStatus {
  readonly jobProcessor?: { readonly jobStatus?: Record<string, { readonly locked?: number } | undefined> }
}

/** Jobs of this kind Agenda's processor holds locked here, running or queued (its own count; no API exposes it). */
const locksHeld = (agenda: Agenda, name: string) =>
  (agenda as unknown as JobProcessorStatus).jobProcessor?.jobStatus?.[name]?.locked ?? 0
