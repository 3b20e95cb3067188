import { layerPaymentGateways } from "@certify/adapters/gateways"
import { type Gateway, Payment, PaymentGateways, Payments } from "@certify/domain"
import { Effect, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { checkoutRoutes } from "../../../api/src/checkout/checkoutRoutes.ts"
import { logger } from "../../../api/src/observability/logger.ts"
import { webhookRoutes } from "../../../api/src/webhooks/webhookRoutes.ts"
import type { SandboxGateways } from "../sandbox/startSandboxGateways.ts"
import { checkoutRequest, configFor, secrets, startSandbox } from "./support/sandboxFixture.ts"
import { inboxRecord, serveRouter, webhookRuntime } from "./support/webhookApp.ts"

// The app (webhook and checkout routes on the database) and the sandbox gateways, wired to each other
// over HTTP as in the dev stack: a payment on the hosted page comes back as a signed, stored event.
const runtime = webhookRuntime("sandbox_flow")
let app: Awaited<ReturnType<typeof serveRouter>>
let sandbox: SandboxGateways
let config: ReturnType<typeof configFor>

beforeAll(async () => {
  await runtime.runPromise(Effect.void)
  // The routes read the configuration per request: it names the sandbox, which starts after the app.
  const lateConfig = () => config
  app = await serveRouter(
    (request, response, next) =>
      webhookRoutes({ runtime, gateways: lateConfig(), logger })(request, response, next),
    (request, response, next) =>
      checkoutRoutes({ runtime, gateways: lateConfig(), logger })(request, response, next)
  )
  sandbox = await startSandbox({
    stripe: `${app.url}/webhooks/stripe`,
    razorpay: `${app.url}/webhooks/razorpay`
  })
  config = configFor(sandbox.url, { PUBLIC_BASE_URL: app.url })
}, 60_000)
afterAll(async () => {
  await sandbox.close()
  await app.close()
  await runtime.dispose()
})

const openCheckout = (gateway: Gateway) => {
  const request = checkoutRequest(gateway)
  return Effect.runPromise(
    PaymentGateways.use((port) => port.createCheckout(request)).pipe(
      Effect.map((session) => ({ request, session })),
      Effect.provide(layerPaymentGateways(config))
    )
  )
}
const storedEvents = async (gateway: Gateway, type: string, ref: string) => {
  await sandbox.controls.webhooksSettled()
  const deliveries = sandbox.controls
    .deliveries()
    .filter((d) => d.gateway === gateway && d.type === type && d.body.includes(ref))
  return Promise.all(
    deliveries.map(async (d) => ({ delivery: d, stored: await inboxRecord(runtime, gateway, d.eventId) }))
  )
}
const hiddenFields = (html: string) =>
  new URLSearchParams(
    [...html.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m): [string, string] => [
      m[1] ?? "",
      (m[2] ?? "").replace(/&amp;/g, "&")
    ])
  )

describe("Stripe: hosted checkout → signed webhook → inbox", () => {
  it("Pay redirects to success_url and the signed checkout.session.completed is stored", async () => {
    const { request, session } = await openCheckout("stripe")
    const page = await (await fetch(session.url)).text()
    expect(page).toContain('id="pay-button"')
    expect(page).toContain("49.00 USD")
    const paid = await fetch(`${session.url}/pay`, { method: "POST", redirect: "manual" })
    expect(paid.status).toBe(303)
    expect(paid.headers.get("location")).toBe(
      `${app.url}/purchases/${request.paymentId}?session_id=${session.checkoutRef}`
    )
    const [event] = await storedEvents("stripe", "checkout.session.completed", session.checkoutRef)
    expect(event?.delivery.statuses).toEqual([200])
    expect(event?.stored?.event).toMatchObject({
      kind: "payment_succeeded",
      reference: { paymentId: request.paymentId }
    })
  })

  it("Decline stays on the page and emits payment_intent.payment_failed; Cancel goes to cancel_url", async () => {
    const { request, session } = await openCheckout("stripe")
    const declined = await fetch(`${session.url}/decline`, { method: "POST", redirect: "manual" })
    expect(declined.status).toBe(200)
    expect(await declined.text()).toContain('id="payment-declined"')
    const cancelled = await fetch(`${session.url}/cancel`, { method: "POST", redirect: "manual" })
    expect(cancelled.headers.get("location")).toBe(`${app.url}/purchases/${request.paymentId}?cancelled=1`)
    const [failed] = await storedEvents("stripe", "payment_intent.payment_failed", request.paymentId)
    expect(failed?.stored?.event?.kind).toBe("payment_failed")
  })

  it("duplicated deliveries are stored once; a dropped one is found by redelivery", async () => {
    sandbox.controls.setWebhookFaults("stripe", { duplicateRate: 1 })
    const first = await openCheckout("stripe")
    sandbox.controls.pay(first.session.checkoutRef)
    const [duplicated] = await storedEvents("stripe", "checkout.session.completed", first.session.checkoutRef)
    expect(duplicated?.delivery.statuses).toEqual([200, 200, 200])
    expect(duplicated?.stored).toBeDefined()

    sandbox.controls.setWebhookFaults("stripe", { duplicateRate: 0, dropRate: 1 })
    const second = await openCheckout("stripe")
    sandbox.controls.pay(second.session.checkoutRef)
    const [dropped] = await storedEvents("stripe", "checkout.session.completed", second.session.checkoutRef)
    expect(dropped?.stored).toBeUndefined()
    sandbox.controls.setWebhookFaults("stripe", { dropRate: 0 })
    expect(sandbox.controls.redeliver()).toBe(1)
    const [found] = await storedEvents("stripe", "checkout.session.completed", second.session.checkoutRef)
    expect(found?.stored?.event?.kind).toBe("payment_succeeded")
  })

  it("refund and dispute emit charge.refunded and charge.dispute.* that are stored", async () => {
    const { request, session } = await openCheckout("stripe")
    sandbox.controls.pay(session.checkoutRef)
    sandbox.controls.dispute(session.checkoutRef, "lost")
    sandbox.controls.refund(request.paymentId)
    await sandbox.controls.webhooksSettled()
    const pi = sandbox.controls
      .deliveries()
      .find((d) => d.body.includes(session.checkoutRef) && d.type === "checkout.session.completed")
    const intentId = /"payment_intent": "(pi_[^"]+)"/.exec(pi?.body ?? "")?.[1] ?? "none"
    for (const [type, kind] of [
      ["charge.dispute.created", "dispute_opened"],
      ["charge.dispute.closed", "dispute_lost"],
      ["charge.refunded", "payment_refunded"]
    ] as const) {
      const [event] = await storedEvents("stripe", type, intentId)
      expect(event?.stored?.event?.kind).toBe(kind)
    }
  })
})

describe("Razorpay: checkout page → checkout.js → sandbox page → callback and signed webhooks", () => {
  it("opens Checkout for the stored order, redirects back after Pay, and stores payment.captured and order.paid", async () => {
    const { request, session } = await openCheckout("razorpay")
    const payment = Schema.decodeUnknownSync(Payment)({
      paymentId: request.paymentId,
      intentId: request.intentId,
      learnerId: "ada",
      courseId: "ts-101",
      offerId: "offer-ts-101",
      gateway: "razorpay",
      attempt: 1,
      amount: request.amount,
      checkoutRef: session.checkoutRef,
      checkoutUrl: session.url,
      status: "pending",
      version: 1,
      createdAt: new Date()
    })
    await runtime.runPromise(Payments.use((payments) => payments.insert(payment)))

    const checkoutPage = await (await fetch(session.url)).text()
    expect(checkoutPage).toContain(`src="${sandbox.url}/razorpay/checkout.js"`)
    expect(checkoutPage).toContain(session.checkoutRef)
    const script = await (await fetch(`${sandbox.url}/razorpay/checkout.js`)).text()
    expect(script).toContain("window.Razorpay = Razorpay")

    // What checkout.js opens, then the Pay button's form.
    const callbackUrl = `${app.url}/checkout/razorpay/${request.paymentId}/callback`
    const query = new URLSearchParams({
      key_id: secrets.razorpayKeyId,
      callback_url: callbackUrl,
      name: "Certify"
    })
    const hosted = await (
      await fetch(`${sandbox.url}/razorpay/checkout/${session.checkoutRef}?${query}`)
    ).text()
    expect(hosted).toContain('id="pay-button"')
    expect(hosted).toContain("999.00 INR")
    const paid = await (
      await fetch(`${sandbox.url}/razorpay/checkout/${session.checkoutRef}/pay`, {
        method: "POST",
        body: hiddenFields(hosted)
      })
    ).text()
    const callbackFields = hiddenFields(paid)
    expect(callbackFields.get("razorpay_order_id")).toBe(session.checkoutRef)
    expect(callbackFields.get("razorpay_signature")).toMatch(/^[0-9a-f]{64}$/)
    const back = await fetch(callbackUrl, { method: "POST", body: callbackFields, redirect: "manual" })
    expect(back.status).toBe(303)
    expect(back.headers.get("location")).toBe(`${app.url}/purchases/${request.paymentId}`)

    const [captured] = await storedEvents("razorpay", "payment.captured", session.checkoutRef)
    expect(captured?.stored?.event).toMatchObject({
      kind: "payment_succeeded",
      reference: { paymentId: request.paymentId }
    })
    const [orderPaid] = await storedEvents("razorpay", "order.paid", session.checkoutRef)
    expect(orderPaid?.stored?.event?.kind).toBe("payment_succeeded")
    // The callback confirmed nothing: the payment is as it was.
    const after = await runtime.runPromise(Payments.use((payments) => payments.find(payment.paymentId)))
    expect(after._tag === "Some" && after.value.status).toBe("pending")
  })

  it("a cancelled checkout comes back with ?cancelled=1, an unknown payment is 404", async () => {
    const back = await fetch(`${app.url}/checkout/razorpay/pay-x/callback`, {
      method: "POST",
      body: new URLSearchParams({ "error[code]": "BAD_REQUEST_ERROR" }),
      redirect: "manual"
    })
    expect(back.headers.get("location")).toBe(`${app.url}/purchases/pay-x?cancelled=1`)
    expect((await fetch(`${app.url}/checkout/razorpay/no-such-payment`)).status).toBe(404)
  })

  it("reordered and duplicated deliveries all arrive, and each event is stored once", async () => {
    sandbox.controls.setWebhookFaults("razorpay", { reorderWindowMs: 150, duplicateRate: 0.5 })
    const { session } = await openCheckout("razorpay")
    sandbox.controls.pay(session.checkoutRef)
    sandbox.controls.refund(session.checkoutRef)
    await sandbox.controls.webhooksSettled()
    sandbox.controls.setWebhookFaults("razorpay", { reorderWindowMs: 0, duplicateRate: 0 })
    const types = ["payment.authorized", "payment.captured", "order.paid", "refund.processed"]
    for (const type of types) {
      const [event] = await storedEvents("razorpay", type, session.checkoutRef)
      expect(event?.delivery.statuses.every((status) => status === 200)).toBe(true)
      expect(event?.stored).toBeDefined()
    }
  })
})

describe("the control API over HTTP", () => {
  it("switches an outage on and off and reports API calls", async () => {
    const control = (path: string, body: unknown) =>
      fetch(`${sandbox.url}/__sandbox${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body)
      })
    expect((await control("/outage", { gateway: "razorpay", mode: "error" })).status).toBe(200)
    const refused = await fetch(`${sandbox.url}/razorpay/v1/orders`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${secrets.razorpayKeyId}:${secrets.razorpayKeySecret}`).toString("base64")}`
      }
    })
    expect(refused.status).toBe(503)
    expect((await control("/outage", { gateway: "razorpay", mode: "off" })).status).toBe(200)
    expect((await control("/pay", { ref: "nothing-here" })).status).toBe(400)
    const stats = (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as {
      apiCalls: { razorpay: number }
    }
    expect(stats.apiCalls.razorpay).toBeGreaterThan(0)
    expect((await fetch(`${sandbox.url}/healthz`)).status).toBe(200)
  })

  it("enforces the rate limit with 429", async () => {
    const limited = await startSandbox({}, { rateLimits: { stripePerSecond: 3 } })
    try {
      const statuses = await Promise.all(
        Array.from({ length: 8 }, () =>
          fetch(`${limited.url}/v1/checkout/sessions`, {
            headers: { authorization: `Bearer ${secrets.stripeSecretKey}` }
          }).then((r) => r.status)
        )
      )
      expect(statuses).toContain(429)
      expect(limited.controls.rateLimited("stripe")).toBeGreaterThan(0)
    } finally {
      await limited.close()
    }
  })
})
