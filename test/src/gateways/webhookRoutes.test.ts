import { createHmac } from "node:crypto"
import { GatewayEventInbox, JobQueue } from "@certify/domain"
import { Effect, Layer, ManagedRuntime } from "effect"
import Stripe from "stripe"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  razorpayEvent,
  razorpayPayment,
  stripeEvent,
  stripeSession
} from "../../../adapters/src/gateways/fixtures/documentedEvents.ts"
import { configFor, secrets } from "./support/sandboxFixture.ts"
import { enqueuedJobs, inboxRecord, startWebhookApp, webhookRuntime } from "./support/webhookApp.ts"

const config = configFor("http://127.0.0.1:9")
const runtime = webhookRuntime("webhook_routes")
let app: Awaited<ReturnType<typeof startWebhookApp>>

beforeAll(async () => {
  await runtime.runPromise(Effect.void)
  app = await startWebhookApp(runtime, config)
}, 60_000)
afterAll(async () => {
  await app.close()
  await runtime.dispose()
})

let sequence = 0
const uniqueId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++sequence).toString(36)}`
const post = (gateway: string, body: string | Buffer, headers: Record<string, string>) =>
  fetch(`${app.url}/webhooks/${gateway}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body
  })

const stripeDelivery = (eventId = uniqueId("evt_")) => {
  const body = JSON.stringify(
    stripeEvent("checkout.session.completed", stripeSession("pay-web-1"), { id: eventId })
  )
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: secrets.stripeWebhookSecret
  })
  return { eventId, body, headers: { "stripe-signature": signature } }
}
const razorpayDelivery = (eventId = uniqueId("Ev")) => {
  const body = JSON.stringify(razorpayEvent("payment.captured", { payment: razorpayPayment("pay-web-2") }))
  const signature = createHmac("sha256", secrets.razorpayWebhookSecret).update(body).digest("hex")
  return { eventId, body, headers: { "x-razorpay-signature": signature, "x-razorpay-event-id": eventId } }
}

describe("POST /webhooks/stripe and /webhooks/razorpay over HTTP, stored in the inbox on the database", () => {
  it("stores a valid Stripe delivery with its raw body and headers, and enqueues its processing", async () => {
    const delivery = stripeDelivery()
    const response = await post("stripe", delivery.body, delivery.headers)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ received: true, duplicate: false })
    const stored = await inboxRecord(runtime, "stripe", delivery.eventId)
    expect(stored?.rawBody).toBe(delivery.body)
    expect(stored?.headers["stripe-signature"]).toBe(delivery.headers["stripe-signature"])
    expect(stored?.event?.kind).toBe("payment_succeeded")
    expect(
      (await enqueuedJobs(runtime)).some(
        (job) => job._tag === "ProcessGatewayEvent" && job.eventId === delivery.eventId
      )
    ).toBe(true)
  })

  it("stores a valid Razorpay delivery under its x-razorpay-event-id", async () => {
    const delivery = razorpayDelivery()
    const response = await post("razorpay", delivery.body, delivery.headers)
    expect(response.status).toBe(200)
    expect((await inboxRecord(runtime, "razorpay", delivery.eventId))?.event?.kind).toBe("payment_succeeded")
  })

  it("answers 200 to every copy of a duplicated delivery, and stores it once", async () => {
    const delivery = stripeDelivery()
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => post("stripe", delivery.body, delivery.headers))
    )
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200))
    const answers = await Promise.all(responses.map((r) => r.json() as Promise<{ duplicate: boolean }>))
    expect(answers.filter((a) => !a.duplicate)).toHaveLength(1)
    const jobs = (await enqueuedJobs(runtime)).filter(
      (job) => job._tag === "ProcessGatewayEvent" && job.eventId === delivery.eventId
    )
    expect(jobs).toHaveLength(1)
  })

  const signStripe = (payload: string, secret: string = secrets.stripeWebhookSecret, offsetSeconds = 0) =>
    Stripe.webhooks.generateTestHeaderString({
      payload,
      secret,
      timestamp: Math.floor(Date.now() / 1000) + offsetSeconds
    })
  // Each case turns a good delivery into a bad one: [body, headers].
  const stripeBad: Record<
    string,
    (good: ReturnType<typeof stripeDelivery>) => [string, Record<string, string>]
  > = {
    unsigned: (good) => [good.body, {}],
    "malformed-header": (good) => [good.body, { "stripe-signature": "garbage" }],
    "forged (wrong secret)": (good) => [
      good.body,
      { "stripe-signature": signStripe(good.body, "whsec_attacker") }
    ],
    "modified-body": (good) => [good.body.replace("4900", "1"), good.headers],
    "signature of another body": (good) => [good.body, { "stripe-signature": signStripe("{}") }],
    stale: (good) => [
      good.body,
      { "stripe-signature": signStripe(good.body, secrets.stripeWebhookSecret, -600) }
    ],
    future: (good) => [
      good.body,
      { "stripe-signature": signStripe(good.body, secrets.stripeWebhookSecret, 600) }
    ],
    "signed non-JSON": () => ["{oops", { "stripe-signature": signStripe("{oops") }]
  }

  it.each(Object.keys(stripeBad))(
    "refuses a %s Stripe delivery with a 4xx and stores nothing",
    async (name) => {
      const good = stripeDelivery()
      const [body, headers] = stripeBad[name]?.(good) ?? [good.body, {}]
      const jobsBefore = (await enqueuedJobs(runtime)).length
      const response = await post("stripe", body, headers)
      expect(response.status).toBe(400)
      expect(((await response.json()) as { error: string }).error).toMatch(/signature|timestamp|payload/)
      expect(await inboxRecord(runtime, "stripe", good.eventId)).toBeUndefined()
      expect((await enqueuedJobs(runtime)).length).toBe(jobsBefore)
    }
  )

  it("accepts a delivery signed with the previous secret while rotating", async () => {
    const good = stripeDelivery()
    const response = await post("stripe", good.body, {
      "stripe-signature": signStripe(good.body, secrets.stripeOldWebhookSecret)
    })
    expect(response.status).toBe(200)
    expect(await inboxRecord(runtime, "stripe", good.eventId)).toBeDefined()
  })

  it("refuses forged, unsigned, id-less and stale Razorpay deliveries with a 4xx and stores nothing", async () => {
    const delivery = razorpayDelivery()
    const stale = JSON.stringify(
      razorpayEvent("payment.captured", { payment: razorpayPayment("x") }, { created_at: 1567674606 })
    )
    const cases: ReadonlyArray<[string, Record<string, string>]> = [
      [delivery.body, { "x-razorpay-event-id": delivery.eventId }],
      [
        delivery.body,
        {
          ...delivery.headers,
          "x-razorpay-signature": createHmac("sha256", "guess").update(delivery.body).digest("hex")
        }
      ],
      [delivery.body, { "x-razorpay-signature": delivery.headers["x-razorpay-signature"] }],
      [
        stale,
        {
          "x-razorpay-event-id": delivery.eventId,
          "x-razorpay-signature": createHmac("sha256", secrets.razorpayWebhookSecret)
            .update(stale)
            .digest("hex")
        }
      ]
    ]
    for (const [body, headers] of cases) {
      const response = await post("razorpay", body, headers)
      expect(response.status).toBe(400)
    }
    expect(await inboxRecord(runtime, "razorpay", delivery.eventId)).toBeUndefined()
  })

  it("refuses a body over the limit with 413, and the client always gets that answer", async () => {
    // The server reads and drops the rest before closing, so the 413 is never lost to a reset.
    const signed = { "stripe-signature": `t=1,v1=${"0".repeat(64)}` }
    for (const size of [300 * 1024, 1024 * 1024, 4 * 1024 * 1024]) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const declared = await post("stripe", Buffer.alloc(size, "{"), signed)
        expect(declared.status, `${size} bytes with a content-length`).toBe(413)
        expect(await declared.json()).toMatchObject({ error: "payload_too_large" })
        const streamed = await fetch(`${app.url}/webhooks/stripe`, {
          method: "POST",
          headers: { "content-type": "application/json", ...signed },
          body: new Blob([Buffer.alloc(size, " ")]).stream(),
          duplex: "half"
        } as RequestInit)
        expect(streamed.status, `${size} bytes chunked`).toBe(413)
        await streamed.body?.cancel()
      }
    }
  })

  it("answers 503 (so the gateway retries) when the ledger cannot store the event", async () => {
    const broken = ManagedRuntime.make(
      Layer.mergeAll(
        Layer.succeed(GatewayEventInbox, {
          record: () => Effect.die(new Error("connection refused")),
          get: () => Effect.die(new Error("connection refused")),
          markProcessed: () => Effect.die(new Error("connection refused")),
          markFailed: () => Effect.die(new Error("connection refused")),
          listUnprocessed: () => Effect.die(new Error("connection refused"))
        }),
        Layer.succeed(JobQueue, { enqueue: () => Effect.void })
      )
    )
    const down = await startWebhookApp(broken, config)
    try {
      const delivery = stripeDelivery()
      const response = await fetch(`${down.url}/webhooks/stripe`, {
        method: "POST",
        headers: delivery.headers,
        body: delivery.body
      })
      expect(response.status).toBe(503)
      expect(response.headers.get("retry-after")).toBe("30")
    } finally {
      await down.close()
      await broken.dispose()
    }
  })
})
