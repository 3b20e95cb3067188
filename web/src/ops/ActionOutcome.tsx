import { ErrorNotice, Notice } from "../components/Notice.tsx"
import type { ActionState } from "../lib/useAction.ts"
import type { ActionResult } from "./types.ts"

export const ActionOutcome = ({ state }: { readonly state: ActionState<ActionResult> }) => {
  if (state.status === "failed") return <ErrorNotice error={state.error} title="The action was not taken" />
  if (state.status !== "done") return null
  return (
    <Notice
      tone={state.result.outcome === "done" ? "success" : "neutral"}
      title={state.result.outcome === "done" ? "Done" : "Already done earlier"}
      testId="action-result"
    >
      <p>{state.result.detail}</p>
    </Notice>
  )
}
