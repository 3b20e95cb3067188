import { useId } from "react"

/** The operator's reason, required by the server for every action; it goes into the audit trail. */
export const ReasonInput = ({
  value,
  onChange,
  label = "Reason"
}: {
  readonly value: string
  readonly onChange: (value: string) => void
  readonly label?: string
}) => {
  const id = useId()
  return (
    <label htmlFor={id}>
      {label} <span className="muted">(required, recorded in the audit trail)</span>
      <textarea
        id={id}
        required
        minLength={3}
        maxLength={500}
        rows={2}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid="reason-input"
      />
    </label>
  )
}
