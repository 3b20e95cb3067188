import { trpc } from "../trpc/client.ts"
import { ActionOutcome } from "./ActionOutcome.tsx"
import { ReasonInput } from "./ReasonInput.tsx"
import type { Job } from "./types.ts"
import { useOperatorAction } from "./useOperatorAction.ts"

export const JobRetryForm = ({ job }: { readonly job: Job }) => {
  const action = useOperatorAction((_: object, note, requestId) =>
    trpc.ops.retryJob.mutate({ jobId: job.jobId, note, requestId })
  )
  if (action.state.status === "done") return <ActionOutcome state={action.state} />
  return (
    <form ref={action.form} className="stack" onSubmit={(event) => event.preventDefault()}>
      <ReasonInput value={action.note} onChange={action.setNote} />
      <button
        type="button"
        disabled={action.running}
        onClick={() => action.submit({})}
        data-testid="retry-job"
      >
        Retry job
      </button>
      <ActionOutcome state={action.state} />
    </form>
  )
}
