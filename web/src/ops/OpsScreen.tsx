import { useLocation } from "../routing/navigation.ts"
import type { Route } from "../routing/routes.ts"
import { DeadLetters } from "./DeadLetters.tsx"
import { OpsCertificate } from "./OpsCertificate.tsx"
import { OpsSearch } from "./OpsSearch.tsx"
import { PaymentStoryScreen } from "./PaymentStoryScreen.tsx"
import { Reconciliation } from "./Reconciliation.tsx"
import { ReviewQueue } from "./ReviewQueue.tsx"

/** The operator console's screens; the caller has already checked the admin role (so does the server). */
export const OpsScreen = ({ route }: { readonly route: Route }) => {
  const { search } = useLocation()
  switch (route.name) {
    case "opsPayment":
      return <PaymentStoryScreen key={route.paymentId} paymentId={route.paymentId} />
    case "opsReviews":
      return <ReviewQueue />
    case "opsDeadLetters":
      return <DeadLetters />
    case "opsReconciliation":
      return <Reconciliation />
    case "opsCertificate":
      return <OpsCertificate key={route.certificateId} certificateId={route.certificateId} />
    default: {
      const query = search.get("q") ?? ""
      return <OpsSearch key={query} query={query} />
    }
  }
}
