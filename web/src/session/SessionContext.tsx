import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react"
import { trpc } from "../trpc/client.ts"
import type { Outputs } from "../trpc/types.ts"

export type Session = NonNullable<Outputs["session"]["me"]>

type SessionState =
  | { readonly status: "checking" }
  | { readonly status: "signedOut" }
  | { readonly status: "signedIn"; readonly session: Session }

interface SessionApi {
  readonly state: SessionState
  readonly signedIn: (session: Session) => void
  readonly signOut: () => Promise<void>
}

const SessionContext = createContext<SessionApi | undefined>(undefined)

/** Who is signed in, asked of the server once per page load; the cookie itself is HttpOnly. */
export const SessionProvider = ({ children }: { readonly children: ReactNode }) => {
  const [state, setState] = useState<SessionState>({ status: "checking" })

  useEffect(() => {
    trpc.session.me.query().then(
      (session) => setState(session ? { status: "signedIn", session } : { status: "signedOut" }),
      () => setState({ status: "signedOut" })
    )
  }, [])

  const signedIn = useCallback((session: Session) => setState({ status: "signedIn", session }), [])
  const signOut = useCallback(async () => {
    await trpc.session.logout.mutate().catch(() => undefined)
    setState({ status: "signedOut" })
  }, [])

  return <SessionContext.Provider value={{ state, signedIn, signOut }}>{children}</SessionContext.Provider>
}

export const useSession = (): SessionApi => {
  const api = useContext(SessionContext)
  if (!api) throw new Error("useSession outside SessionProvider")
  return api
}
