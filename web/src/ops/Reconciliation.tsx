import { LoadedView } from "../components/Loaded.tsx"
import { useLoad } from "../lib/useLoad.ts"
import { trpc } from "../trpc/client.ts"
import { when } from "./format.ts"
import { StartReconciliationForm } from "./StartReconciliationForm.tsx"
import type { ReconciliationRun } from "./types.ts"

const RunsTable = ({ runs }: { readonly runs: ReadonlyArray<ReconciliationRun> }) =>
  runs.length === 0 ? (
    <p className="muted">No runs yet.</p>
  ) : (
    <div className="table-wrap">
      <table data-testid="reconciliation-runs">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Gateway</th>
            <th scope="col">Window</th>
            <th scope="col">Seen</th>
            <th scope="col">Fixed</th>
            <th scope="col">Flagged</th>
            <th scope="col">API calls</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.runId} data-testid="reconciliation-run">
              <td>{when(run.startedAt)}</td>
              <td>{run.gateway}</td>
              <td>
                {when(run.windowFrom)} – {when(run.windowTo)}
              </td>
              <td>{run.seen}</td>
              <td>{run.fixed}</td>
              <td>{run.flagged}</td>
              <td>{run.apiCalls}</td>
              <td>
                <span className={`status status-${run.outcome}`}>{run.outcome}</span>
                {run.error ? <span className="error-text"> {run.error}</span> : null}
                <span className="muted small"> ({Math.round(run.durationMillis)} ms)</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )

export const Reconciliation = () => {
  const [runs, reload] = useLoad(() => trpc.ops.reconciliationRuns.query(), "reconciliationRuns")
  return (
    <section>
      <h1>Reconciliation</h1>
      <StartReconciliationForm onDone={reload} />
      <h2>Runs</h2>
      <LoadedView state={runs}>{(list) => <RunsTable runs={list} />}</LoadedView>
    </section>
  )
}
