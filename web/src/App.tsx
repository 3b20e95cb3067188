import type { ReactNode } from "react"
import { Layout } from "./components/Layout.tsx"
import { Loading, Notice } from "./components/Notice.tsx"
import { CertificateDetail } from "./learner/CertificateDetail.tsx"
import { Certificates } from "./learner/Certificates.tsx"
import { Courses } from "./learner/Courses.tsx"
import { PurchaseStatus } from "./learner/PurchaseStatus.tsx"
import { homeFor, SignIn } from "./learner/SignIn.tsx"
import { OpsScreen } from "./ops/OpsScreen.tsx"
import { Link } from "./routing/Link.tsx"
import { type Location, useLocation } from "./routing/navigation.ts"
import { Redirect } from "./routing/Redirect.tsx"
import { isOpsRoute, parseRoute, type Route } from "./routing/routes.ts"
import { type Session, useSession } from "./session/SessionContext.tsx"

const NotFound = () => (
  <Notice tone="problem" title="Page not found" testId="not-found">
    <p>
      <Link to="/">Go to the start page</Link>
    </p>
  </Notice>
)

const Forbidden = ({ session }: { readonly session: Session }) => (
  <Notice tone="problem" title="Operators only" testId="forbidden">
    <p>
      This page is for operators. <Link to={homeFor(session)}>Go to your start page</Link>
    </p>
  </Notice>
)

const Screen = ({ route, location, session }: { route: Route; location: Location; session: Session }) => {
  if (isOpsRoute(route))
    return session.role === "admin" ? <OpsScreen route={route} /> : <Forbidden session={session} />
  switch (route.name) {
    case "signIn":
      return <Redirect to={homeFor(session)} />
    case "courses":
      return <Courses />
    case "purchase":
      return (
        <PurchaseStatus
          key={route.paymentId}
          paymentId={route.paymentId}
          cancelledHint={location.search.get("cancelled") === "1"}
        />
      )
    case "certificates":
      return <Certificates />
    case "certificate":
      return <CertificateDetail key={route.certificateId} certificateId={route.certificateId} />
    default:
      return <NotFound />
  }
}

/** Routes every screen; a signed-out visitor of any page signs in first and comes back to it. */
export const App = () => {
  const location = useLocation()
  const { state, signOut } = useSession()
  const route = parseRoute(location.pathname)
  const session = state.status === "signedIn" ? state.session : undefined

  let content: ReactNode
  if (state.status === "checking") content = <Loading />
  else if (!session) {
    const here = location.pathname + (location.search.size > 0 ? `?${location.search}` : "")
    content =
      route.name === "notFound" ? <NotFound /> : <SignIn next={route.name === "signIn" ? null : here} />
  } else content = <Screen route={route} location={location} session={session} />

  return (
    <Layout session={session} onSignOut={signOut}>
      {content}
    </Layout>
  )
}
