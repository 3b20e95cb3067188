import { ErrorNotice, Notice } from "../components/Notice.tsx"
import { errorCode } from "../lib/errors.ts"
import { formatMoney } from "../lib/money.ts"
import type { Outputs } from "../trpc/types.ts"
import { useStartPurchase } from "./useStartPurchase.ts"

type Course = Outputs["learner"]["courses"][number]
type GatewayStatus = Outputs["learner"]["gateways"][number]
type GatewayName = GatewayStatus["gateway"]

const gatewayLabel: Record<GatewayName, string> = { stripe: "Stripe", razorpay: "Razorpay" }

/** A gateway that went down between listing and clicking: say so plainly; nothing was charged. */
export const StartFailure = ({ error }: { readonly error: unknown }) =>
  errorCode(error) === "SERVICE_UNAVAILABLE" ? (
    <Notice tone="problem" title="Payment unavailable" testId="payment-unavailable">
      <p>
        This payment method is not available right now and you have not been charged. Try again later or
        choose another.
      </p>
    </Notice>
  ) : (
    <ErrorNotice error={error} title="Could not start the payment" />
  )

/**
 * The learner picks a gateway; the server answers with its hosted checkout page, which we leave
 * for. A gateway that is down is shown disabled with the server's reason, never hidden.
 */
export const GatewayChooser = ({
  course,
  gateways,
  onUnavailable
}: {
  readonly course: Course
  readonly gateways: ReadonlyArray<GatewayStatus>
  readonly onUnavailable: () => void
}) => {
  const start = useStartPurchase()

  const choose = async (gateway: GatewayName) => {
    if (!(await start.start({ courseId: course.courseId, gateway }))) onUnavailable()
  }

  return (
    <fieldset className="gateways" data-testid={`gateways-${course.courseId}`}>
      <legend>Pay with</legend>
      {gateways.map((status) => {
        const price = course.prices.find((p) => p.gateway === status.gateway)
        const reason = !status.available
          ? (status.reason ?? "temporarily unavailable")
          : !price
            ? "not offered for this course"
            : undefined
        return (
          <div className="gateway-option" key={status.gateway}>
            <button
              type="button"
              className="primary"
              disabled={reason !== undefined || start.running}
              aria-describedby={reason ? `reason-${course.courseId}-${status.gateway}` : undefined}
              onClick={() => choose(status.gateway)}
              data-testid={`gateway-${status.gateway}`}
            >
              {gatewayLabel[status.gateway]}
              {price ? ` · ${formatMoney(price.amountMinor, price.currency)}` : ""}
            </button>
            {reason ? (
              <span
                className="muted"
                id={`reason-${course.courseId}-${status.gateway}`}
                data-testid={`gateway-${status.gateway}-reason`}
              >
                {gatewayLabel[status.gateway]} is unavailable: {reason}
              </span>
            ) : null}
          </div>
        )
      })}
      {start.running ? <p role="status">Opening the checkout page…</p> : null}
      {start.state.status === "failed" ? <StartFailure error={start.state.error} /> : null}
    </fieldset>
  )
}
