import { Effect } from "effect"
import { jobKey } from "../ports/JobQueue.ts"
import { runJob } from "../usecases/runJob.ts"
import { EnqueuedJobs } from "./memory/MemoryJobQueue.ts"

/** Runs queued jobs until none are left: the in-memory stand-in for the workers reaching quiescence. */
export const drainJobs = Effect.gen(function* () {
  const queue = yield* EnqueuedJobs
  const outcomes: Array<string> = []
  for (let round = 0; round < 100; round++) {
    const jobs = yield* queue.takeAll
    if (jobs.length === 0) return outcomes
    for (const job of jobs) outcomes.push(`${jobKey(job)} => ${yield* runJob(job)}`)
  }
  return yield* Effect.die("jobs kept enqueueing more jobs for 100 rounds")
})
