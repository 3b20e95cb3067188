import { type FormEvent, useState } from "react"
import { ErrorNotice } from "../components/Notice.tsx"
import { useAction } from "../lib/useAction.ts"
import { navigate } from "../routing/navigation.ts"
import { paths } from "../routing/routes.ts"
import { type Session, useSession } from "../session/SessionContext.tsx"
import { trpc } from "../trpc/client.ts"

const demoUsers = [
  { username: "ada", who: "learner" },
  { username: "ravi", who: "learner" },
  { username: "ops", who: "operator" }
] as const

/** Only same-site paths are followed after signing in, so `?next=` cannot send anyone elsewhere. */
const safeNext = (next: string | null) => (next?.startsWith("/") && !next.startsWith("//") ? next : undefined)

export const homeFor = (session: Session) => (session.role === "admin" ? paths.ops : paths.courses)

export const SignIn = ({ next }: { readonly next: string | null }) => {
  const { signedIn } = useSession()
  const [username, setUsername] = useState("")
  const [password, setPassword] = useState("")
  const login = useAction((input: { username: string; password: string }) => trpc.session.login.mutate(input))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const session = await login.run({ username: username.trim(), password })
    if (!session) return
    signedIn(session)
    navigate(safeNext(next) ?? homeFor(session), { replace: true })
  }

  return (
    <section className="narrow">
      <h1>Sign in</h1>
      <form className="card stack" onSubmit={submit} data-testid="sign-in-form">
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            data-testid="username"
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="password"
          />
        </label>
        {login.state.status === "failed" ? (
          <ErrorNotice error={login.state.error} title="Could not sign in" />
        ) : null}
        <button type="submit" className="primary" disabled={login.running} data-testid="sign-in">
          {login.running ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <aside className="hint" aria-label="Demo users" data-testid="demo-users">
        <p>
          Demo users (password <code>demo</code>):
        </p>
        <ul>
          {demoUsers.map((user) => (
            <li key={user.username}>
              <code>{user.username}</code> — {user.who}
            </li>
          ))}
        </ul>
      </aside>
    </section>
  )
}
