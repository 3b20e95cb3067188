import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { signedInClient } from "../stack/learnerClient.ts"
import { startTestStack } from "../stack/startTestStack.ts"
import { leaksInternals, metricTotal, tally } from "./support/fuzzReport.ts"
import { openLedgerCounts } from "./support/ledgerCounts.ts"
import { type Answer, inParallel, keepAliveAgent, sendRaw, sendWire } from "./support/sendRequests.ts"
import { hostileWebhookRequests, type StoredDelivery } from "./support/webhookCorpus.ts"
import {
  IGNORED_RAZORPAY_TYPE,
  IGNORED_STRIPE_TYPE,
  razorpayEventBody,
  razorpaySignature,
  stripeEventBody,
  stripeSignatureHeader
} from "./support/webhookSigning.ts"

const REQUESTS = Number(process.env.ATTACK_WEBHOOK_REQUESTS ?? 10_000)
const SEED = Number(process.env.ATTACK_SEED ?? 20_260_707)
const IN_FLIGHT = 32

let stack: Awaited<ReturnType<typeof startTestStack>>
let ledger: Awaited<ReturnType<typeof openLedgerCounts>>
const agent = keepAliveAgent(IN_FLIGHT)

const api = () => {
  const process = stack.processes.find((p) => p.name === "api")
  if (process === undefined) throw new Error("the stack has no api process")
  return process
}

/** One accepted delivery per gateway, of a type the ledger stores and ignores, processed before we count. */
const storeOneDeliveryEach = async (): Promise<ReadonlyArray<StoredDelivery>> => {
  const now = Math.floor(Date.now() / 1000)
  const stripeBody = stripeEventBody(`evt_fuzzseed${now}`, IGNORED_STRIPE_TYPE, now)
  const razorpayBody = razorpayEventBody(IGNORED_RAZORPAY_TYPE, now)
  const stored: ReadonlyArray<StoredDelivery> = [
    {
      gateway: "stripe",
      body: stripeBody,
      headers: {
        "stripe-signature": stripeSignatureHeader(stack.secrets.stripeWebhookSecret, now, stripeBody)
      }
    },
    {
      gateway: "razorpay",
      body: razorpayBody,
      headers: {
        "x-razorpay-signature": razorpaySignature(stack.secrets.razorpayWebhookSecret, razorpayBody),
        "x-razorpay-event-id": `EvFuzzSeed${now}`
      }
    }
  ]
  for (const delivery of stored) {
    const response = await fetch(`${stack.urls.api}/webhooks/${delivery.gateway}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...delivery.headers },
      body: delivery.body
    })
    expect(response.status).toBe(200)
  }
  const inbox = ledger.db.collection("gateway_event_inbox")
  const deadline = Date.now() + 30_000
  while ((await inbox.countDocuments({ processedAt: { $exists: true } })) < stored.length) {
    if (Date.now() > deadline) throw new Error("the worker did not process the two seed deliveries in 30 s")
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return stored
}

beforeAll(async () => {
  stack = await startTestStack("attack-real-api", { workers: 1, buildWeb: false, seedDemo: true })
  ledger = await openLedgerCounts(stack.urls.mongodb)
}, 120_000)

afterAll(async () => {
  agent.destroy()
  await ledger?.close()
  await stack?.stop()
})

describe("a hostile client floods both webhook endpoints of the real API process", () => {
  it(`answers ${REQUESTS} generated bad requests with a 4xx each, changes nothing and stays up`, async () => {
    const stored = await storeOneDeliveryEach()
    const pid = api().pid()
    const restarts = api().restarts()
    const before = await ledger.counts()
    const metricsBefore = await (await fetch(`${stack.urls.api}/metrics`)).text()

    const corpus = hostileWebhookRequests(
      {
        stripeSecret: stack.secrets.stripeWebhookSecret,
        razorpaySecret: stack.secrets.razorpayWebhookSecret,
        now: Math.floor(Date.now() / 1000),
        stored
      },
      REQUESTS,
      SEED
    )
    const started = performance.now()
    const answers = await inParallel(
      corpus,
      IN_FLIGHT,
      (hostile): Promise<Answer> =>
        "raw" in hostile.request
          ? sendRaw(stack.urls.api, hostile.request)
          : sendWire(agent, stack.urls.api, hostile.request)
    )
    const seconds = (performance.now() - started) / 1000

    const results = corpus.map((hostile, index) => ({ ...hostile, ...(answers[index] as Answer) }))
    const row = (r: (typeof results)[number]) => `${r.gateway.padEnd(8)} ${r.category}`
    console.log(
      [
        `webhook fuzz: ${results.length} requests (seed ${SEED}) in ${seconds.toFixed(1)} s, ${(results.length / seconds).toFixed(0)} req/s, ${IN_FLIGHT} in flight`,
        tally(results.map((r) => ({ row: row(r), status: r.status })))
      ].join("\n")
    )

    const wrong = results.filter((r) =>
      r.expect === "duplicate"
        ? r.status !== 200 || !r.body.includes('"duplicate":true')
        : r.status < 400 || r.status > 499
    )
    const leaking = results.filter((r) => leaksInternals(r.body))
    const sample = (list: typeof results) =>
      list.slice(0, 5).map((r) => ({
        category: r.category,
        gateway: r.gateway,
        status: r.status,
        error: r.error,
        body: r.body.slice(0, 200),
        request:
          "raw" in r.request
            ? r.request.raw.toString("latin1").slice(0, 300)
            : { ...r.request, body: r.request.body.toString("utf8").slice(0, 300) }
      }))
    expect(sample(wrong), `requests answered other than expected (seed ${SEED})`).toEqual([])
    expect(sample(leaking), "answers that leak internals").toEqual([])
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0)

    const health = await fetch(`${stack.urls.api}/healthz`)
    const after = await ledger.counts()
    const metricsAfter = await (await fetch(`${stack.urls.api}/metrics`)).text()
    const rejected =
      metricTotal(metricsAfter, "certify_webhooks_rejected_total") -
      metricTotal(metricsBefore, "certify_webhooks_rejected_total")
    const duplicates =
      metricTotal(metricsAfter, "certify_webhooks_duplicated_total") -
      metricTotal(metricsBefore, "certify_webhooks_duplicated_total")
    console.log(
      [
        `  5xx: ${results.filter((r) => r.status >= 500).length}, unanswered: ${results.filter((r) => r.status === 0).length}`,
        `  api pid ${pid} → ${api().pid()}, restarts ${restarts} → ${api().restarts()}, /healthz ${health.status}`,
        `  the API counted ${rejected} rejections and ${duplicates} duplicates (parser-level 400s never reach it)`,
        `  ledger before ${JSON.stringify(before)}`,
        `  ledger after  ${JSON.stringify(after)}`
      ].join("\n")
    )
    expect(health.status).toBe(200)
    expect(api().pid()).toBe(pid)
    expect(api().restarts()).toBe(restarts)
    expect(after).toEqual(before)
    expect(duplicates).toBe(results.filter((r) => r.expect === "duplicate").length)
  }, 150_000)
})

/** The production budgets per client address: purchase starts 10/min, downloads 30/min, verification 120/min. */
describe("a burst against the rate-limited endpoints of the real API process", () => {
  const burst = async (
    count: number,
    request: () => Promise<{ status: number; retryAfter: string | null }>
  ) => {
    const answers = await inParallel(Array.from({ length: count }), IN_FLIGHT, request)
    const limited = answers.filter((a) => a.status === 429)
    return {
      answers,
      limited: limited.length,
      retryAfterOk: limited.every((a) => Number(a.retryAfter) >= 1 && Number(a.retryAfter) <= 60),
      statuses: tally(answers.map((a) => ({ row: "", status: a.status }))).trim()
    }
  }
  const get =
    (path: string, cookie = "") =>
    async () => {
      const response = await fetch(`${stack.urls.api}${path}`, { headers: cookie ? { cookie } : {} })
      await response.arrayBuffer()
      return { status: response.status, retryAfter: response.headers.get("retry-after") }
    }

  it("answers 429 with Retry-After past each budget, and stays up", async () => {
    const pid = api().pid()
    const ada = await signedInClient(stack.urls.api, "ada")
    const start = async () => {
      const response = await fetch(`${stack.urls.api}/trpc/learner.startPurchase`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: ada.cookie() },
        body: JSON.stringify({
          courseId: "typescript-foundations",
          gateway: "stripe",
          requestId: "req-burst-start-1"
        })
      })
      await response.arrayBuffer()
      return { status: response.status, retryAfter: response.headers.get("retry-after") }
    }
    const purchases = await burst(40, start)
    const downloads = await burst(80, get("/certificates/ZZZZ-ZZZZ-ZZZZ-ZZZ3/pdf", ada.cookie()))
    const verifications = await burst(300, get("/verify/ZZZZ-ZZZZ-ZZZZ-ZZZ4"))
    const health = await fetch(`${stack.urls.api}/healthz`)
    console.log(
      [
        "rate limits under a burst (real API process, production budgets):",
        `  40 purchase starts:   ${purchases.statuses}`,
        `  80 downloads:         ${downloads.statuses}`,
        `  300 verifications:    ${verifications.statuses}`,
        `  afterwards /healthz ${health.status}, api pid ${pid} → ${api().pid()}`
      ].join("\n")
    )
    expect(purchases.limited).toBe(30)
    expect(downloads.limited).toBe(50)
    expect(verifications.limited).toBe(180)
    for (const result of [purchases, downloads, verifications]) {
      expect(result.retryAfterOk).toBe(true)
      expect(result.answers.filter((a) => a.status >= 500)).toHaveLength(0)
    }
    expect(health.status).toBe(200)
    expect(api().pid()).toBe(pid)
    // Only the spent buckets refuse: the learner can still read their purchases.
    expect((await ada.client.learner.courses.query()).length).toBeGreaterThan(0)
  }, 60_000)
})
