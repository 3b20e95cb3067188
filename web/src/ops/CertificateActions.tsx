import { useState } from "react"
import { trpc } from "../trpc/client.ts"
import { ActionOutcome } from "./ActionOutcome.tsx"
import { ReasonInput } from "./ReasonInput.tsx"
import { useOperatorAction } from "./useOperatorAction.ts"

const RevokeForm = ({
  certificateId,
  onDone
}: {
  readonly certificateId: string
  readonly onDone?: () => void
}) => {
  const action = useOperatorAction(
    (_: object, note, requestId) => trpc.ops.revokeCertificate.mutate({ certificateId, note, requestId }),
    onDone
  )
  return (
    <form ref={action.form} className="card stack" onSubmit={(event) => event.preventDefault()}>
      <h3>Revoke</h3>
      <p className="muted small">The verification page will show the certificate as revoked.</p>
      <ReasonInput value={action.note} onChange={action.setNote} />
      <button
        type="button"
        className="danger"
        disabled={action.running}
        onClick={() => action.submit({})}
        data-testid="revoke-certificate"
      >
        Revoke certificate
      </button>
      <ActionOutcome state={action.state} />
    </form>
  )
}

const ReissueForm = ({
  certificateId,
  onDone
}: {
  readonly certificateId: string
  readonly onDone?: () => void
}) => {
  const [printedName, setPrintedName] = useState("")
  const action = useOperatorAction(
    (input: { readonly printedName: string }, note, requestId) =>
      trpc.ops.reissueCertificate.mutate({
        certificateId,
        note,
        requestId,
        ...(input.printedName === "" ? {} : { printedName: input.printedName })
      }),
    onDone
  )
  return (
    <form ref={action.form} className="card stack" onSubmit={(event) => event.preventDefault()}>
      <h3>Reissue</h3>
      <p className="muted small">Same id, a new version; the old version is marked superseded.</p>
      <label>
        Corrected printed name <span className="muted">(optional)</span>
        <input
          value={printedName}
          maxLength={120}
          onChange={(event) => setPrintedName(event.target.value)}
          data-testid="printed-name-input"
        />
      </label>
      <ReasonInput value={action.note} onChange={action.setNote} />
      <button
        type="button"
        disabled={action.running}
        onClick={() => action.submit({ printedName: printedName.trim() })}
        data-testid="reissue-certificate"
      >
        Reissue certificate
      </button>
      <ActionOutcome state={action.state} />
    </form>
  )
}

export const CertificateActions = ({
  certificateId,
  onDone
}: {
  readonly certificateId: string
  readonly onDone?: () => void
}) => (
  <div className="grid-2" data-testid="certificate-actions">
    <RevokeForm certificateId={certificateId} {...(onDone ? { onDone } : {})} />
    <ReissueForm certificateId={certificateId} {...(onDone ? { onDone } : {})} />
  </div>
)
