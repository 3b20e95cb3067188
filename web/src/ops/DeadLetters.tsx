import { LoadedView } from "../components/Loaded.tsx"
import { useLoad } from "../lib/useLoad.ts"
import { paths } from "../routing/routes.ts"
import { trpc } from "../trpc/client.ts"
import { JobList } from "./JobList.tsx"

export const DeadLetters = () => {
  const [dead, reloadDead] = useLoad(() => trpc.ops.deadLetters.query(), "deadLetters")
  const [stuck, reloadStuck] = useLoad(() => trpc.ops.stuckJobs.query(), "stuckJobs")
  return (
    <section>
      <div className="heading-row">
        <h1>Jobs that need a person</h1>
        <button
          type="button"
          onClick={() => {
            reloadDead()
            reloadStuck()
          }}
          data-testid="refresh"
        >
          Refresh
        </button>
      </div>
      <p>
        The full queue is on the <a href={paths.opsJobs}>job dashboard</a> (read-only: retry a dead job here,
        with a reason, so the retry is on record).
      </p>
      <h2>Dead letters</h2>
      <LoadedView state={dead}>{(jobs) => <JobList jobs={jobs} testId="dead-letter" />}</LoadedView>
      <h2>Stuck jobs</h2>
      <LoadedView state={stuck}>{(jobs) => <JobList jobs={jobs} testId="stuck-job" />}</LoadedView>
    </section>
  )
}
