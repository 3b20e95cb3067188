import { layerCryptoIdGenerator } from "@certify/adapters/ids"
import { PaymentId } from "@certify/domain"
import { deliverEvent, drainJobs } from "@certify/domain/testing"
import { Schema } from "effect"
import { PLATFORM_KEY, startTestApp } from "../../../../api/src/app/testApp.ts"
import { signIn } from "../../../../api/src/app/trpcHttp.ts"
import { demoCompletions } from "../../../../api/src/platform/demoCompletions.ts"
import { defaultBudgets, type RateBudgets } from "../../../../api/src/ratelimit/RateLimits.ts"

export { PLATFORM_KEY }

/** Budgets high enough that a test probing many ids measures the answers, not the rate limiter. */
export const generousBudgets: RateBudgets = {
  startPurchase: { points: 100_000, durationSeconds: 60 },
  download: { points: 100_000, durationSeconds: 60 },
  verify: { points: 100_000, durationSeconds: 60 },
  platform: { points: 100_000, durationSeconds: 60 }
}

/**
 * The API's express app over real HTTP on a real database, with the production certificate id
 * generator; gateways, renderer, mail and jobs are the domain's stand-ins (jobs run when drained).
 */
export const startAttackApp = async (name: string, rateBudgets: RateBudgets = defaultBudgets) => {
  const app = await startTestApp(name, {
    rateBudgets,
    idGenerator: layerCryptoIdGenerator,
    issuer: "Certify Attack Academy",
    // Stands in for Agendash: the matrix checks the admin gate in front of it, not the dashboard.
    agendash: (_request, response) => void response.type("text/plain").send("job dashboard")
  })
  for (const body of demoCompletions) {
    const response = await fetch(app.url("/platform/v1/completions"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${PLATFORM_KEY}` },
      body: JSON.stringify(body)
    })
    if (!response.ok) throw new Error(`seeding a completion answered ${response.status}`)
  }
  return app
}

export type AttackApp = Awaited<ReturnType<typeof startAttackApp>>

/** The learner buys the course, the gateway confirms, jobs run: an issued certificate of theirs. */
export const buyAndIssue = async (app: AttackApp, username: string, courseId: string) => {
  const learner = await signIn(app.url, username)
  const started = await learner.mutation("learner.startPurchase", {
    courseId,
    gateway: "stripe",
    requestId: `req-${username}-${courseId}`.slice(0, 80)
  })
  if (started.status !== 200) throw new Error(`startPurchase answered ${started.status}`)
  const paymentId = (started.data as { paymentId: string }).paymentId
  await app.runtime.runPromise(
    deliverEvent({
      gateway: "stripe",
      eventId: `evt_${username}_${courseId}`.replace(/[^A-Za-z0-9_]/g, "_"),
      kind: "payment_succeeded",
      paymentId: Schema.decodeUnknownSync(PaymentId)(paymentId)
    })
  )
  await app.runtime.runPromise(drainJobs)
  const certificates = (await learner.query("learner.certificates")).data as Array<{
    certificateId: string
    status: string
  }>
  const issued = certificates.find((c) => c.status === "issued")
  if (issued === undefined) throw new Error(`${username} has no issued certificate after paying`)
  return { learner, paymentId, certificateId: issued.certificateId }
}
