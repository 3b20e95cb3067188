import { type JobSummary, JobsAdmin } from "@certify/domain"
import { Effect } from "effect"
import type { CliRuntime } from "../cliRuntime.ts"

const STUCK_AFTER_MILLIS = 10 * 60_000

const row = (job: JobSummary) =>
  `  ${job.jobId}  ${job.name}  ${job.key}  attempts ${job.attempts}` +
  (job.failedAt ? `  failed ${job.failedAt.toISOString()}` : "") +
  (job.lastError ? `  — ${job.lastError}` : "")

/** `jobs`: queue counts, dead-lettered jobs and jobs locked for over ten minutes. */
export const jobsCommand = (cli: CliRuntime) =>
  cli.runtime.runPromise(
    Effect.gen(function* () {
      const admin = yield* JobsAdmin
      const counts = yield* admin.counts
      const dead = yield* admin.deadLetters(50)
      const stuck = yield* admin.stuck(STUCK_AFTER_MILLIS, 50)
      return [
        `jobs: ${Object.entries(counts)
          .map(([state, n]) => `${state} ${n}`)
          .join(", ")}`,
        `dead-lettered (${dead.length}):`,
        ...dead.map(row),
        `stuck over ${STUCK_AFTER_MILLIS / 60_000} min (${stuck.length}):`,
        ...stuck.map(row),
        dead.length > 0
          ? "retry one from the ops console (Dead letters) or with the ops.retryJob procedure"
          : ""
      ]
        .filter((line) => line !== "")
        .join("\n")
    })
  )
