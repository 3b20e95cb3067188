import { CheckoutRequest, Money, PaymentReference } from "@certify/domain"
import { Schema } from "effect"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import type { RazorpaySettings, ResilienceSettings } from "../config/GatewayConfig.ts"
import { razorpayPayment } from "../fixtures/documentedEvents.ts"
import { listAllPayments } from "../testing/listAllPayments.ts"
import {
  type RecordedRequest,
  type RecordingServer,
  startRecordingServer
} from "../testing/recordingServer.ts"
import { makeRazorpayAdapter, razorpayRefundKey } from "./razorpayAdapter.ts"

const resilience: ResilienceSettings = {
  timeoutMs: 2_000,
  maxRetries: 2,
  retryBaseDelayMs: 1,
  breakerThreshold: 50,
  breakerCooldownMs: 60_000
}
const settings: Omit<RazorpaySettings, "apiUrl"> = {
  keyId: "rzp_test_stub",
  keySecret: "stub_secret",
  webhookSecrets: ["w"],
  webhookToleranceSeconds: 3600,
  webhookFutureToleranceSeconds: 300,
  checkoutScriptUrl: "https://checkout.razorpay.com/v1/checkout.js",
  merchantName: "Certify"
}
const request = Schema.decodeUnknownSync(CheckoutRequest)({
  paymentId: "pay-rzp-1",
  intentId: "intent-rzp-1",
  gateway: "razorpay",
  amount: new Money({ amount: 99900, currency: "INR" }),
  learnerId: "ravi",
  learnerEmail: "ravi@example.org",
  courseId: "ts-101",
  courseTitle: "TypeScript Foundations"
})
const serverError = { status: 503, body: { error: { code: "SERVER_ERROR", description: "try again" } } }
// 100 is the adapter's page size (Razorpay's maximum count): 250 payments are three pages.
const payments = Array.from({ length: 250 }, (_, i) =>
  razorpayPayment(`pay-list-${i}`, { id: `pay_${String(i).padStart(4, "0")}` })
)

/** The stub's Razorpay: orders by receipt, and a switch that loses the next answer after acting. */
const orders: Array<Record<string, unknown>> = []
const refunds = new Map<string, Record<string, unknown>>()
let loseNextAnswer = false
const answerLost = () => {
  const lost = loseNextAnswer
  loseNextAnswer = false
  return lost
}
const answer = (req: RecordedRequest) => {
  if (req.method === "GET" && req.path === "/v1/orders") {
    const found = orders.filter((o) => o.receipt === req.query.get("receipt"))
    return { status: 200, body: { entity: "collection", count: found.length, items: found } }
  }
  if (req.method === "POST" && req.path === "/v1/orders") {
    const order = { id: `order_${orders.length + 1}`, entity: "order", ...JSON.parse(req.body) }
    orders.push(order)
    return answerLost() ? serverError : { status: 200, body: order }
  }
  if (req.method === "GET" && req.path === "/v1/payments") {
    const skip = Number(req.query.get("skip"))
    const items = payments.slice(skip, skip + Number(req.query.get("count")))
    return { status: 200, body: { entity: "collection", count: items.length, items } }
  }
  const refunded = /^\/v1\/payments\/([^/]+)\/refund$/.exec(req.path)?.[1]
  if (req.method === "POST" && refunded !== undefined) {
    const key = String(req.headers["x-refund-idempotency"])
    const refund = refunds.get(key) ?? { id: `rfnd_${refunds.size + 1}`, payment_id: refunded }
    refunds.set(key, refund)
    return answerLost() ? serverError : { status: 200, body: refund }
  }
  return {
    status: 400,
    body: { error: { code: "BAD_REQUEST_ERROR", description: "The id provided does not exist" } }
  }
}

let server: RecordingServer
beforeAll(async () => {
  server = await startRecordingServer(answer)
})
afterAll(() => server.close())
beforeEach(() => {
  orders.length = 0
  refunds.clear()
  loseNextAnswer = false
})

const adapter = () =>
  makeRazorpayAdapter({ ...settings, apiUrl: server.url }, resilience, "https://certify.example")
const sent = (method: string, pattern: RegExp) =>
  server.requests.filter((r) => r.method === method && pattern.test(r.path))

describe("the Razorpay adapter on the wire (the official SDK against a recording server)", () => {
  it("finds the order a create made when its answer was lost, instead of creating a second one", async () => {
    loseNextAnswer = true
    const session = await adapter().createCheckout(request)
    expect(orders).toHaveLength(1)
    expect(session.checkoutRef).toBe("order_1")
    expect(orders[0]).toMatchObject({ receipt: "pay-rzp-1", amount: 99900, currency: "INR" })
    expect(orders[0]?.notes).toEqual({
      payment_id: "pay-rzp-1",
      intent_id: "intent-rzp-1",
      learner_id: "ravi",
      course_id: "ts-101"
    })
    const again = await adapter().createCheckout(request)
    expect(again.checkoutRef).toBe("order_1")
    expect(orders).toHaveLength(1)
  })

  it("refunds under an X-Refund-Idempotency key derived from our payment id, the same on every try", async () => {
    const reference = new PaymentReference({ paymentId: request.paymentId, gatewayPaymentId: "pay_R1" })
    const before = sent("POST", /\/refund$/).length
    loseNextAnswer = true
    await adapter().refund(reference)
    await adapter().refund(reference)
    const keys = sent("POST", /\/refund$/)
      .slice(before)
      .map((r) => r.headers["x-refund-idempotency"])
    expect(keys).toHaveLength(3)
    expect(new Set(keys)).toEqual(new Set([razorpayRefundKey(request.paymentId, "pay_R1")]))
    expect(refunds.size).toBe(1)
    expect(razorpayRefundKey("pay-other", "pay_R1")).not.toBe(keys[0])
  })

  it("lists every payment across pages with count and skip", async () => {
    const { snapshots, pages } = await listAllPayments(adapter())
    expect(pages).toBe(3)
    const seen = snapshots.map((s) => s.gatewayPaymentId)
    expect(seen).toEqual(payments.map((p) => p.id))
    const asked = sent("GET", /^\/v1\/payments$/).map((r) => [r.query.get("skip"), r.query.get("count")])
    expect(asked).toEqual([
      ["0", "100"],
      ["100", "100"],
      ["200", "100"]
    ])
  })
})
