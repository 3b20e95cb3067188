import { trpc } from "../trpc/client.ts"
import { ActionOutcome } from "./ActionOutcome.tsx"
import { ReasonInput } from "./ReasonInput.tsx"
import type { Review, ReviewReason } from "./types.ts"
import { useOperatorAction } from "./useOperatorAction.ts"

type Decision = "resolve" | "refund_and_revoke"

// The server lists a review's reason as a plain string but accepts only its known reasons back; it
// is the very value it listed, so it is passed through unchanged.
const reviewReason = (review: Review) => review.reason as ReviewReason

/** Close one review item: either resolve it as is, or refund the payment and revoke the certificate. */
export const ReviewResolveForm = ({
  review,
  onDone
}: {
  readonly review: Review
  readonly onDone?: () => void
}) => {
  const action = useOperatorAction(
    (input: { readonly decision: Decision }, note, requestId) =>
      trpc.ops.resolveReview.mutate({
        subjectId: review.subjectId,
        reason: reviewReason(review),
        decision: input.decision,
        note,
        requestId
      }),
    onDone
  )
  // Once decided, the outcome stays on screen in place of the form, so it cannot be decided twice.
  if (action.state.status === "done") return <ActionOutcome state={action.state} />
  return (
    <form ref={action.form} className="stack" onSubmit={(event) => event.preventDefault()}>
      <ReasonInput value={action.note} onChange={action.setNote} />
      <div className="actions">
        <button
          type="button"
          disabled={action.running}
          onClick={() => action.submit({ decision: "resolve" })}
          data-testid="resolve-review"
        >
          Resolve
        </button>
        <button
          type="button"
          className="danger"
          disabled={action.running}
          onClick={() => action.submit({ decision: "refund_and_revoke" })}
          data-testid="refund-and-revoke"
        >
          Refund and revoke
        </button>
      </div>
      <ActionOutcome state={action.state} />
    </form>
  )
}
