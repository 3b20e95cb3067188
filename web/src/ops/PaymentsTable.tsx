import { Link } from "../routing/Link.tsx"
import { paths } from "../routing/routes.ts"
import { money, when } from "./format.ts"
import type { PaymentRow } from "./types.ts"

export const PaymentsTable = ({ payments }: { readonly payments: ReadonlyArray<PaymentRow> }) =>
  payments.length === 0 ? (
    <p data-testid="no-results">No payments found.</p>
  ) : (
    <div className="table-wrap">
      <table data-testid="search-results">
        <thead>
          <tr>
            <th scope="col">Payment</th>
            <th scope="col">Learner</th>
            <th scope="col">Course</th>
            <th scope="col">Gateway</th>
            <th scope="col">Status</th>
            <th scope="col">Amount</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((payment) => (
            <tr key={payment.paymentId} data-testid="search-result">
              <td>
                <Link to={paths.opsPayment(payment.paymentId)} data-testid="payment-link">
                  <code>{payment.paymentId}</code>
                </Link>
                {payment.attempt > 1 ? <span className="muted"> (attempt {payment.attempt})</span> : null}
              </td>
              <td>{payment.learnerId}</td>
              <td>{payment.courseId}</td>
              <td>{payment.gateway}</td>
              <td>
                <span className={`status status-${payment.status}`}>{payment.status}</span>
              </td>
              <td>{money(payment.amount)}</td>
              <td>{when(payment.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
