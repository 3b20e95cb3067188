import type { ReactNode } from "react"
import { errorMessage } from "../lib/errors.ts"
import type { Tone } from "../lib/purchaseStage.ts"

/** A message box; problems are announced immediately, other news politely. */
export const Notice = ({
  tone,
  title,
  children,
  testId
}: {
  readonly tone: Tone
  readonly title?: string
  readonly children?: ReactNode
  readonly testId?: string
}) => (
  <div
    className={`notice notice-${tone}`}
    role={tone === "problem" ? "alert" : "status"}
    data-testid={testId}
  >
    {title ? <p className="notice-title">{title}</p> : null}
    {children}
  </div>
)

export const ErrorNotice = ({ error, title }: { readonly error: unknown; readonly title?: string }) => (
  <Notice tone="problem" title={title ?? "Something went wrong"} testId="error">
    <p>{errorMessage(error)}</p>
  </Notice>
)

export const Loading = ({ label = "Loading…" }: { readonly label?: string }) => (
  <p className="loading" role="status" aria-live="polite">
    {label}
  </p>
)
