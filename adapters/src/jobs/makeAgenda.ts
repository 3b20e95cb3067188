import { MongoBackend } from "@agendajs/mongo-backend"
import { Agenda, InMemoryNotificationChannel } from "agenda"
import { MongoClient } from "mongodb"

import { type CommandProfileOptions, profileCommands } from "../mongo/commandProfile.ts"
import { guardRunWrites } from "./guardRunWrites.ts"
import { JOBS_COLLECTION } from "./jobCollection.ts"
import { scanOnceJobClaims } from "./scanOnceJobClaims.ts"

export interface AgendaOptions {
  readonly mongodbUri: string
  /** Shown as `lastModifiedBy` on the jobs this process touches. */
  readonly name?: string
  /** How often to poll for due jobs, in ms (default 2 s). Jobs enqueued in this process start at once. */
  readonly processEvery?: number
  /** Jobs of one kind run at once in this process (default 5). */
  readonly defaultConcurrency?: number
  /** A lock older than this is a crashed worker's, and another worker takes the job (default 60 s). */
  readonly lockLifetimeMs?: number
  /** Report where the jobs database's time goes, by command shape (a diagnostic; off by default). */
  readonly commandProfile?: CommandProfileOptions
}

const clients = new WeakMap<Agenda, { client: MongoClient; stopProfile?: () => void }>()

/**
 * Jobs live in a database of their own next to the ledger's. The workers poll it constantly; on FerretDB's
 * SQLite handler a database is one SQLite file with one writer at a time, so sharing it would make every
 * ledger write queue behind the polls. On MongoDB it costs nothing.
 */
export const jobsDatabaseName = (ledgerDatabase: string) => `${ledgerDatabase.slice(0, 58)}_jobs`

/**
 * Agenda on the ledger's database, with a connection of its own. The in-process notification channel
 * starts a job enqueued by this process at once (issue → email needs no poll); jobs from other
 * processes (the API's webhook) are found by polling, within one interval.
 */
export const makeAgenda = async (options: AgendaOptions): Promise<Agenda> => {
  const client = await MongoClient.connect(options.mongodbUri, {
    serverSelectionTimeoutMS: 10_000,
    monitorCommands: options.commandProfile !== undefined
  })
  const processEvery = options.processEvery ?? 2_000
  const concurrency = options.defaultConcurrency ?? 5
  const notifications = new InMemoryNotificationChannel()
  const agenda = new Agenda({
    backend: new MongoBackend({
      mongo: client.db(jobsDatabaseName(client.db().databaseName)),
      collection: JOBS_COLLECTION
    }),
    ...(options.name === undefined ? {} : { name: options.name }),
    // A job another process enqueues waits up to one interval; each poll reads the jobs collection once.
    processEvery,
    defaultConcurrency: concurrency,
    defaultLockLifetime: options.lockLifetimeMs ?? 60_000,
    notificationChannel: notifications,
    // Every poll scans the jobs collection (FerretDB pushes little down to SQLite): keep it to live work.
    // A finished one-off job's story is in the audit log; failed and dead jobs stay.
    removeOnComplete: true
  })
  await agenda.ready
  scanOnceJobClaims(agenda, notifications, {
    locksHeldPerKind: 2 * concurrency,
    minScanIntervalMs: Math.min(1_000, processEvery / 2)
  })
  guardRunWrites(agenda)
  keepUnlockFailuresHandled(agenda)
  const stopProfile = options.commandProfile && profileCommands(client, options.commandProfile)
  clients.set(agenda, stopProfile ? { client, stopProfile } : { client })
  return agenda
}

/**
 * Agenda releases a lock it cannot use (the lock limit filled meanwhile, or the run is too far off)
 * without awaiting `unlockJob`. A failed release (SQLITE_BUSY under load, the database restarting)
 * would be an unhandled rejection, which ends the worker process. It is reported instead; the lock
 * then expires after its lifetime like a crashed worker's.
 */
const keepUnlockFailuresHandled = (agenda: Agenda) => {
  const repository = agenda.db
  const unlockJob = repository.unlockJob.bind(repository)
  repository.unlockJob = (job) =>
    unlockJob(job).catch((error: unknown) => {
      agenda.emit("error", error instanceof Error ? error : new Error(String(error)))
    })
}

/** Stops processing (unlocking this process's jobs) and closes the connection `makeAgenda` opened. */
export const closeAgenda = async (agenda: Agenda) => {
  await agenda.stop(false)
  const opened = clients.get(agenda)
  opened?.stopProfile?.()
  await opened?.client.close()
  clients.delete(agenda)
}
