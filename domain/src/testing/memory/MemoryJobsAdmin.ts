import { Effect, Layer } from "effect"
import { type JobSummary, JobsAdmin } from "../../ports/JobsAdmin.ts"

/** A fixed set of jobs an operator can look at; retrying a dead one makes it queued again. */
export const layerMemory = (seed: ReadonlyArray<JobSummary> = []) =>
  Layer.sync(JobsAdmin, () => {
    const jobs = new Map(seed.map((job) => [job.jobId, job]))
    const all = () => [...jobs.values()]
    return JobsAdmin.of({
      counts: Effect.sync(() => {
        const counts = { queued: 0, running: 0, retrying: 0, dead: 0, completed: 0 }
        for (const job of all()) counts[job.state]++
        return counts
      }),
      deadLetters: (limit) =>
        Effect.sync(() =>
          all()
            .filter((j) => j.state === "dead")
            .slice(0, limit)
        ),
      stuck: (_olderThan, limit) =>
        Effect.sync(() =>
          all()
            .filter((j) => j.state === "running")
            .slice(0, limit)
        ),
      forSubject: (subjectId, limit) =>
        Effect.sync(() =>
          all()
            .filter((j) => j.key.includes(subjectId))
            .slice(0, limit)
        ),
      retry: (jobId) =>
        Effect.sync(() => {
          const job = jobs.get(jobId)
          if (job === undefined) return "not_found" as const
          if (job.state !== "dead") return "not_dead" as const
          jobs.set(jobId, { ...job, state: "queued", attempts: 0 })
          return "retried" as const
        })
    })
  })
