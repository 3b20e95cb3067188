import { MongoLedger, SystemClock } from "@certify/adapters"
import { layerPaymentGateways, readGatewayConfig } from "@certify/adapters/gateways"
import { layerCryptoIdGenerator } from "@certify/adapters/ids"
import { layerCertificateLinks } from "@certify/adapters/links"
import { startPurchase } from "@certify/domain"
import { Layer, ManagedRuntime } from "effect"
import { Digest } from "effect/crypto"
import type { EmbeddedStack } from "../../../../api/src/main/stack/EmbeddedStack.ts"
import type { CompletionReport } from "../../../../api/src/platform/CompletionReport.ts"

export interface BenchLearner {
  readonly learnerId: string
  readonly email: string
}

const course = { courseId: "bench-certification", title: "Benchmark Certification" }
const offer = {
  offerId: "offer-bench-certification",
  prices: [
    { amount: 4900, currency: "USD" as const },
    { amount: 399_900, currency: "INR" as const }
  ]
}

const inBatches = async <A>(items: ReadonlyArray<A>, size: number, each: (item: A) => Promise<void>) => {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(each))
}

/** Learners `<prefix>-0001…` who completed the benchmark course, reported through the platform endpoint. */
export const reportLearners = async (stack: EmbeddedStack, prefix: string, count: number) => {
  const learners: BenchLearner[] = Array.from({ length: count }, (_, i) => {
    const learnerId = `${prefix}-${String(i + 1).padStart(4, "0")}`
    return { learnerId, email: `${learnerId}@example.org` }
  })
  await inBatches(learners, 8, async ({ learnerId, email }) => {
    const report: CompletionReport = {
      learner: { learnerId, email, displayName: `Learner ${learnerId}` },
      course,
      offer,
      completion: { completedOn: "2026-11-20", printedName: `Learner ${learnerId}` }
    }
    const response = await fetch(`${stack.urls.api}/platform/v1/completions`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${stack.secrets.platformApiKey}`,
        "content-type": "application/json"
      },
      body: JSON.stringify(report)
    })
    if (!response.ok)
      throw new Error(`completion for ${learnerId}: ${response.status} ${await response.text()}`)
  })
  return learners
}

/**
 * Starts Stripe checkouts for learners with the `startPurchase` use case against the stack's database
 * and sandbox, as the API does. The session layer knows only the demo users, so the learners cannot
 * sign in; how a checkout was opened does not change what happens after "pay", which is what is timed.
 */
export const openCheckouts = async (stack: EmbeddedStack, learners: ReadonlyArray<BenchLearner>) => {
  const gateways = readGatewayConfig({
    PUBLIC_BASE_URL: stack.urls.api,
    STRIPE_SECRET_KEY: stack.secrets.stripeSecretKey,
    STRIPE_WEBHOOK_SECRETS: stack.secrets.stripeWebhookSecret,
    STRIPE_API_URL: stack.urls.sandbox
  })
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(
      layerPaymentGateways(gateways),
      layerCryptoIdGenerator,
      layerCertificateLinks({ publicBaseUrl: stack.urls.api, issuer: "Certify Academy" }),
      SystemClock.layer,
      Digest.layerWebCrypto
    ).pipe(Layer.provideMerge(MongoLedger.layer({ uri: stack.urls.mongodb })), Layer.orDie)
  )
  try {
    const started: Array<BenchLearner & { readonly paymentId: string }> = []
    // Below the sandbox's 100 writes/s, so opening checkouts is never rate limited.
    await inBatches(learners, 10, async (learner) => {
      const purchase = await runtime.runPromise(
        startPurchase({
          learnerId: learner.learnerId,
          courseId: course.courseId,
          gateway: "stripe",
          requestId: `bench-${learner.learnerId}`
        })
      )
      started.push({ ...learner, paymentId: purchase.paymentId })
    })
    return started
  } finally {
    await runtime.dispose()
  }
}

/** The learner presses "Pay" on the sandbox's hosted page: the sandbox then sends the signed webhooks. */
export const pay = async (stack: EmbeddedStack, paymentId: string) => {
  const response = await fetch(`${stack.urls.sandbox}/__sandbox/pay`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ref: paymentId })
  })
  if (!response.ok) throw new Error(`sandbox pay ${paymentId}: ${response.status} ${await response.text()}`)
}
