import { ErrorNotice, Loading, Notice } from "../components/Notice.tsx"
import { formatMoney } from "../lib/money.ts"
import { returnPageMessage } from "../lib/purchaseStage.ts"
import { Link } from "../routing/Link.tsx"
import { paths } from "../routing/routes.ts"
import { StartFailure } from "./GatewayChooser.tsx"
import { usePurchaseStatus } from "./usePurchaseStatus.ts"
import { useStartPurchase } from "./useStartPurchase.ts"

/**
 * The gateway's return page. What it says comes only from the server's view of the payment;
 * `session_id` and `cancelled` in the URL are hints from a redirect anyone can type.
 */
export const PurchaseStatus = ({
  paymentId,
  cancelledHint
}: {
  readonly paymentId: string
  readonly cancelledHint: boolean
}) => {
  const { view, error, mode } = usePurchaseStatus(paymentId)
  const retry = useStartPurchase()

  if (!view) return error ? <ErrorNotice error={error} title="Could not load this payment" /> : <Loading />

  const message = returnPageMessage(view.stage, cancelledHint)
  return (
    <section className="narrow">
      <h1>{view.courseTitle}</h1>
      <p className="muted">
        {formatMoney(view.amount.amountMinor, view.amount.currency)} via{" "}
        <span className="capitalize">{view.gateway}</span>
      </p>
      <Notice tone={message.tone} title={message.title} testId="purchase-message">
        <p>{message.detail}</p>
        {message.tone === "progress" ? <span className="spinner" aria-hidden="true" /> : null}
      </Notice>
      <p className="muted small">
        Status: <span data-testid="purchase-stage">{view.stage}</span>
        {mode === "polling" ? " (checking every few seconds)" : ""}
      </p>
      {view.stage === "ready" && view.certificate ? (
        <Link
          to={paths.certificate(view.certificate.certificateId)}
          className="button primary"
          data-testid="certificate-link"
        >
          View your certificate
        </Link>
      ) : null}
      {message.canRetry ? (
        <button
          type="button"
          className="primary"
          disabled={retry.running}
          onClick={() => retry.start({ courseId: view.courseId, gateway: view.gateway })}
          data-testid="retry-purchase"
        >
          {retry.running ? "Opening the checkout page…" : "Try again"}
        </button>
      ) : null}
      {retry.state.status === "failed" ? <StartFailure error={retry.state.error} /> : null}
      {error ? <ErrorNotice error={error} title="Lost touch with the server; still trying" /> : null}
      <p>
        <Link to={paths.courses}>Back to my courses</Link>
      </p>
    </section>
  )
}
