import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { MongoLedger, SystemClock } from "@certify/adapters"
import { layerPaymentGateways, readGatewayConfig } from "@certify/adapters/gateways"
import { layerCryptoIdGenerator } from "@certify/adapters/ids"
import { closeAgenda, layerJobQueue, makeAgenda } from "@certify/adapters/jobs"
import { startLocalFerretDb } from "@certify/adapters/localdb"
import { CheckoutRequest, PaymentGateways, reconcileGateway } from "@certify/domain"
import { Layer, ManagedRuntime, Schema } from "effect"
import { Digest } from "effect/crypto"
import { startSandboxGateways } from "../../sandbox/startSandboxGateways.ts"
import type { Benchmark } from "../Benchmark.ts"
import { verdict } from "../report/BenchResult.ts"
import { seconds } from "../support/percentiles.ts"

const PAYMENTS = 10_000
// Stripe's published live-mode limit (100 writes/s): seeding stays just under it.
const SEED_PER_SECOND = 90
const keys = {
  stripeSecretKey: "sk_test_bench_reconciliation",
  stripeWebhookSecret: "whsec_bench_reconciliation",
  razorpayKeyId: "rzp_test_BenchRecon",
  razorpayKeySecret: "bench_key_secret",
  razorpayWebhookSecret: "bench_webhook_secret"
}

const checkoutFor = (index: number) =>
  Schema.decodeUnknownSync(CheckoutRequest)({
    paymentId: `pay_recon_${index}`,
    intentId: `intent_recon_${index}`,
    gateway: "stripe",
    amount: { amount: 4900, currency: "USD" },
    learnerId: `recon-${index}`,
    learnerEmail: `recon-${index}@example.org`,
    courseId: "bench-certification",
    courseTitle: "Benchmark Certification"
  })

export const reconciliation: Benchmark = {
  name: "reconciliation",
  run: async ({ log }) => {
    // A database of its own: the shared stack's may still be digesting the webhook benchmark.
    const database = await startLocalFerretDb({
      dataDir: mkdtempSync(join(tmpdir(), "certify-bench-recon-")),
      database: "certify"
    })
    const sandbox = await startSandboxGateways({
      port: 0,
      seed: 11,
      stripe: { secretKey: keys.stripeSecretKey, webhookSecret: keys.stripeWebhookSecret },
      razorpay: {
        keyId: keys.razorpayKeyId,
        keySecret: keys.razorpayKeySecret,
        webhookSecret: keys.razorpayWebhookSecret
      }
    })
    const gateways = readGatewayConfig({
      PUBLIC_BASE_URL: "http://127.0.0.1:1",
      STRIPE_SECRET_KEY: keys.stripeSecretKey,
      STRIPE_WEBHOOK_SECRETS: keys.stripeWebhookSecret,
      STRIPE_API_URL: sandbox.url
    })
    const ledgerUri = database.uri
    // A queue nobody processes: reconciling unknown payments enqueues nothing, known ones would.
    const agenda = await makeAgenda({ mongodbUri: ledgerUri, name: "bench-reconciliation" })
    const runtime = ManagedRuntime.make(
      Layer.mergeAll(
        layerPaymentGateways(gateways),
        layerJobQueue(agenda),
        layerCryptoIdGenerator,
        SystemClock.layer,
        Digest.layerWebCrypto
      ).pipe(Layer.provideMerge(MongoLedger.layer({ uri: ledgerUri })), Layer.orDie)
    )
    try {
      const seedStarted = performance.now()
      for (let first = 0; first < PAYMENTS; first += SEED_PER_SECOND) {
        // The sandbox counts per calendar second: each batch starts in a second of its own.
        await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5))
        const batch = Array.from({ length: Math.min(SEED_PER_SECOND, PAYMENTS - first) }, (_, i) => first + i)
        const sessions = await Promise.all(
          batch.map((index) =>
            runtime.runPromise(PaymentGateways.use((port) => port.createCheckout(checkoutFor(index))))
          )
        )
        for (const session of sessions) sandbox.controls.pay(session.checkoutRef)
      }
      log(
        `seeded ${PAYMENTS} paid sandbox payments in ${seconds(performance.now() - seedStarted)} (not timed)`
      )

      sandbox.controls.resetCounters()
      const run = await runtime.runPromise(reconcileGateway("stripe"))
      const apiCalls = sandbox.controls.apiCalls("stripe")
      const limited = sandbox.controls.rateLimited("stripe")
      const perSecondMax = apiCalls / Math.max(1, run.durationMillis / 1000)
      log(
        `reconciled ${run.seen} in ${seconds(run.durationMillis)}: ${apiCalls} API calls, ${limited} answered 429`
      )
      return {
        name: "reconciliation",
        title: "Reconciliation of 10,000 sandbox payments",
        measuredAt: new Date().toISOString(),
        method: [
          `The in-process sandbox (\`startSandboxGateways\`, enforcing Stripe's published 100 requests/s per read and write bucket) holds ${PAYMENTS.toLocaleString("en")} paid Checkout Sessions that the ledger has never heard of (every webhook lost). Seeding goes through the Stripe API at ${SEED_PER_SECOND}/s and is not timed.`,
          'Then `reconcileGateway("stripe")` (domain) runs once through the production `layerPaymentGateways` adapter (Stripe SDK, `checkout.sessions.list` pages of 100 with the payment intent expanded) against the mongo ledger on FerretDB: each payment is looked up, found unknown, and flagged for manual review (a unique insert).',
          "API calls are counted by the sandbox (every request, including any answered 429)."
        ],
        figures: [
          { figure: "payments seen", value: run.seen.toLocaleString("en") },
          { figure: "flagged (unknown to the ledger)", value: run.flagged.toLocaleString("en") },
          {
            figure: "time taken",
            value: seconds(run.durationMillis),
            target: "≤ 60 s",
            verdict: verdict(run.durationMillis <= 60_000 && run.seen >= PAYMENTS)
          },
          {
            figure: "gateway API calls (list pages)",
            value: `${apiCalls} (${run.apiCalls} pages counted by the run)`
          },
          {
            figure: "API call rate vs Stripe's 100/s read limit",
            value: `${perSecondMax.toFixed(1)}/s average, ${limited} answered 429`,
            target: "within limits",
            verdict: verdict(limited === 0)
          },
          { figure: "run outcome", value: run.outcome }
        ],
        limits: [
          `The gateway is not the bottleneck: ${apiCalls} list calls for ${PAYMENTS.toLocaleString("en")} payments. The time goes to the ledger: per payment one lookup by reference and one manual-review insert, sequential, on FerretDB/SQLite.`,
          "A ledger that knows the payments (only their webhooks were lost) costs more per payment: the transition, the entitlement grant and the issue job; that case is what the paid → emailed figures measure per certificate."
        ]
      }
    } finally {
      await runtime.dispose()
      await closeAgenda(agenda)
      await sandbox.close()
      await database.stop()
    }
  }
}
