import type { Agenda } from "agenda"
import { layer as layerQueue } from "./AgendaJobQueue.ts"
import { layer as layerAdmin } from "./AgendaJobsAdmin.ts"

export type { Agenda, Job as AgendaJob } from "agenda"
export { stateOf, summaryOf } from "./AgendaJobsAdmin.ts"
export { JOBS_COLLECTION, jobCollection, releaseLocksHeldBy, stillLockedBy } from "./jobCollection.ts"
export { decodeJobData, JOB_NAMES, type JobData, jobData, RECURRING_JOB_NAMES } from "./jobNames.ts"
export { type AgendaOptions, closeAgenda, makeAgenda } from "./makeAgenda.ts"
export {
  backoffFor,
  DEFAULT_RETRY_POLICY,
  PermanentJobFailure,
  RetryableJobFailure,
  type RetryPolicy,
  retryDelayMs
} from "./retryPolicy.ts"

/** `JobQueue` on Agenda: a job is enqueued once per `jobKey` while it waits. */
export const layerJobQueue = (agenda: Agenda) => layerQueue(agenda)

/** `JobsAdmin` on Agenda's collection: counts, dead letters, stuck jobs, retry. */
export const layerJobsAdmin = (agenda: Agenda) => layerAdmin(agenda)
