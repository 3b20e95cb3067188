import { ReconciliationRuns } from "@certify/domain"
import type { CliRuntime } from "../cliRuntime.ts"

/** `runs`: the latest reconciliation runs, newest first, as recorded. */
export const runsCommand = async (cli: CliRuntime, limit = 20) => {
  const runs = await cli.runtime.runPromise(ReconciliationRuns.use((r) => r.list(limit)))
  if (runs.length === 0) return "no reconciliation runs yet"
  return runs
    .map(
      (run) =>
        `${run.startedAt.toISOString()}  ${run.gateway.padEnd(8)}  ${run.outcome.padEnd(9)}  ` +
        `window ${run.windowFrom.toISOString()} → ${run.windowTo.toISOString()}  seen ${run.seen}  ` +
        `fixed ${run.fixed}  flagged ${run.flagged}  api calls ${run.apiCalls}  ${run.durationMillis} ms` +
        (run.error ? `  — ${run.error}` : "")
    )
    .join("\n")
}
