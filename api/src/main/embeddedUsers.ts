import { Effect } from "effect"
import { Authenticator } from "../auth/Authenticator.ts"
import * as DemoSessions from "../auth/DemoSessions.ts"

/**
 * The embedded default's users: the seeded demo users, plus `load-0001`… when DEMO_LOAD_LEARNERS=N
 * (the chaos test and the benchmarks sign in as many learners). Production replaces the Authenticator.
 */
export const embeddedAuthenticator = (secret: string, env: NodeJS.ProcessEnv) => {
  const extra = Number(env.DEMO_LOAD_LEARNERS ?? 0)
  const users = [
    ...DemoSessions.demoUsers,
    ...Array.from({ length: Number.isInteger(extra) && extra > 0 ? extra : 0 }, (_, index) => {
      const userId = `load-${String(index + 1).padStart(4, "0")}`
      return { userId, role: "learner" as const, displayName: `Load Learner ${index + 1}`, password: "demo" }
    })
  ]
  return Effect.runSync(
    Authenticator.use((service) => Effect.succeed(service)).pipe(
      Effect.provide(DemoSessions.layer({ secret, users }))
    )
  )
}
