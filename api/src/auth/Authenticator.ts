import { Context, type Effect } from "effect"

export type Role = "learner" | "admin"

export interface Session {
  readonly userId: string
  readonly role: Role
  readonly displayName: string
}

/**
 * Who is calling. The learning platform's real user system plugs in here; the embedded default is
 * `DemoSessions`, signed session cookies for seeded demo users.
 */
export class Authenticator extends Context.Service<
  Authenticator,
  {
    /** The session a request's cookie header proves, if any. */
    readonly sessionFrom: (cookieHeader: string | undefined) => Effect.Effect<Session | undefined>
    /** Signs in by username and password; returns the Set-Cookie value. */
    readonly signIn: (
      username: string,
      password: string
    ) => Effect.Effect<{ session: Session; cookie: string } | undefined>
    readonly signOutCookie: string
  }
>()("certify/api/auth/Authenticator") {}
