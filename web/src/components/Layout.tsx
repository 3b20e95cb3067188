import type { ReactNode } from "react"
import { Link } from "../routing/Link.tsx"
import { navigate } from "../routing/navigation.ts"
import { paths } from "../routing/routes.ts"
import type { Session } from "../session/SessionContext.tsx"

const LearnerNav = () => (
  <>
    <Link to={paths.courses}>My courses</Link>
    <Link to={paths.certificates}>My certificates</Link>
  </>
)

const OperatorNav = () => (
  <>
    <Link to={paths.ops}>Search</Link>
    <Link to={paths.opsReviews}>Reviews</Link>
    <Link to={paths.opsDeadLetters}>Dead letters</Link>
    <Link to={paths.opsReconciliation}>Reconciliation</Link>
    <a href={paths.opsJobs} data-testid="ops-jobs-link">
      Jobs
    </a>
  </>
)

export const Layout = ({
  session,
  onSignOut,
  children
}: {
  readonly session: Session | undefined
  readonly onSignOut: () => Promise<void>
  readonly children: ReactNode
}) => (
  <>
    <a className="skip-link" href="#main">
      Skip to content
    </a>
    <header className="site-header">
      <Link to={session?.role === "admin" ? paths.ops : paths.courses} className="brand">
        Certify
      </Link>
      {session ? (
        <nav aria-label="Main">
          {session.role === "admin" ? <OperatorNav /> : <LearnerNav />}
          <span className="who" data-testid="signed-in-as">
            {session.displayName}
          </span>
          <button
            type="button"
            className="link-button"
            data-testid="sign-out"
            onClick={() => onSignOut().then(() => navigate(paths.signIn))}
          >
            Sign out
          </button>
        </nav>
      ) : null}
    </header>
    <main id="main" tabIndex={-1}>
      {children}
    </main>
  </>
)
