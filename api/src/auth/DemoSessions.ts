import { createHmac, timingSafeEqual } from "node:crypto"
import { Effect, Layer } from "effect"
import { Authenticator, type Session } from "./Authenticator.ts"

export interface DemoUser extends Session {
  readonly password: string
}

/** Seeded demo users of the embedded default: two learners and one operator. */
export const demoUsers: ReadonlyArray<DemoUser> = [
  { userId: "ada", role: "learner", displayName: "Ada Lovelace", password: "demo" },
  { userId: "ravi", role: "learner", displayName: "Ravi Shankar", password: "demo" },
  { userId: "ops", role: "admin", displayName: "Olu Operator", password: "demo" }
]

const COOKIE = "certify_session"
const TTL_SECONDS = 8 * 60 * 60

const sign = (secret: string, payload: string) =>
  createHmac("sha256", secret).update(payload).digest("base64url")

const readCookie = (header: string | undefined) =>
  header
    ?.split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1)

/** Stateless signed cookies (`user.expiry.hmac`): valid in every API process that shares the secret. */
export const layer = (options: {
  readonly secret: string
  readonly users?: ReadonlyArray<DemoUser>
  readonly now?: () => number
}) =>
  Layer.succeed(
    Authenticator,
    Authenticator.of({
      sessionFrom: (header) =>
        Effect.sync(() => {
          const token = readCookie(header)
          const [userId, expiry, mac] = token?.split(".") ?? []
          if (!userId || !expiry || !mac) return undefined
          const expected = Buffer.from(sign(options.secret, `${userId}.${expiry}`))
          const given = Buffer.from(mac)
          if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined
          if (Number(expiry) * 1000 < (options.now ?? Date.now)()) return undefined
          const user = (options.users ?? demoUsers).find((u) => u.userId === userId)
          return user ? { userId: user.userId, role: user.role, displayName: user.displayName } : undefined
        }),
      signIn: (username, password) =>
        Effect.sync(() => {
          const user = (options.users ?? demoUsers).find((u) => u.userId === username)
          const given = Buffer.from(password)
          const known = Buffer.from(user?.password ?? "")
          if (!user || given.length !== known.length || !timingSafeEqual(given, known)) return undefined
          const expiry = Math.floor((options.now ?? Date.now)() / 1000) + TTL_SECONDS
          const token = `${user.userId}.${expiry}.${sign(options.secret, `${user.userId}.${expiry}`)}`
          return {
            session: { userId: user.userId, role: user.role, displayName: user.displayName },
            cookie: `${COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${TTL_SECONDS}`
          }
        }),
      signOutCookie: `${COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`
    })
  )
