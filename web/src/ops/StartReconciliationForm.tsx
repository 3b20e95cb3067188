import { useState } from "react"
import { trpc } from "../trpc/client.ts"
import { ActionOutcome } from "./ActionOutcome.tsx"
import { ReasonInput } from "./ReasonInput.tsx"
import type { GatewayName } from "./types.ts"
import { useOperatorAction } from "./useOperatorAction.ts"

/** `datetime-local` has no zone: it is the operator's local time, sent as an ISO instant. */
const sinceIso = (local: string) => (local ? new Date(local).toISOString() : undefined)

export const StartReconciliationForm = ({ onDone }: { readonly onDone: () => void }) => {
  const [gateway, setGateway] = useState<GatewayName>("stripe")
  const [since, setSince] = useState("")
  const action = useOperatorAction(
    (input: { readonly gateway: GatewayName; readonly since: string }, note, requestId) => {
      const from = sinceIso(input.since)
      return trpc.ops.startReconciliation.mutate({
        gateway: input.gateway,
        note,
        requestId,
        ...(from === undefined ? {} : { since: from })
      })
    },
    onDone
  )
  return (
    <form
      ref={action.form}
      className="card stack"
      onSubmit={(event) => event.preventDefault()}
      data-testid="reconcile-form"
    >
      <h2>Start a reconciliation</h2>
      <label>
        Gateway
        <select
          value={gateway}
          onChange={(event) => setGateway(event.target.value === "razorpay" ? "razorpay" : "stripe")}
          data-testid="reconcile-gateway"
        >
          <option value="stripe">Stripe</option>
          <option value="razorpay">Razorpay</option>
        </select>
      </label>
      <label>
        Since <span className="muted">(optional; default: the last run's watermark)</span>
        <input
          type="datetime-local"
          value={since}
          onChange={(event) => setSince(event.target.value)}
          data-testid="reconcile-since"
        />
      </label>
      <ReasonInput value={action.note} onChange={action.setNote} />
      <button
        type="button"
        className="primary"
        disabled={action.running}
        onClick={() => action.submit({ gateway, since })}
        data-testid="start-reconciliation"
      >
        {action.running ? "Reconciling…" : "Start reconciliation"}
      </button>
      <ActionOutcome state={action.state} />
    </form>
  )
}
