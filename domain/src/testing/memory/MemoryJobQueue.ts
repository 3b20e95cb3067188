import { Context, Effect, Layer } from "effect"
import { type Job, JobQueue, jobKey } from "../../ports/JobQueue.ts"

/** Lets a test see and drain what was enqueued; the same job key is queued once while pending. */
export class EnqueuedJobs extends Context.Service<
  EnqueuedJobs,
  { readonly takeAll: Effect.Effect<ReadonlyArray<Job>>; readonly peek: Effect.Effect<ReadonlyArray<Job>> }
>()("certify/domain/testing/EnqueuedJobs") {}

export const layerMemory = Layer.effectContext(
  Effect.sync(() => {
    const pending = new Map<string, Job>()
    return Context.make(
      JobQueue,
      JobQueue.of({ enqueue: (job) => Effect.sync(() => void pending.set(jobKey(job), job)) })
    ).pipe(
      Context.add(
        EnqueuedJobs,
        EnqueuedJobs.of({
          takeAll: Effect.sync(() => {
            const jobs = [...pending.values()]
            pending.clear()
            return jobs
          }),
          peek: Effect.sync(() => [...pending.values()])
        })
      )
    )
  })
)
