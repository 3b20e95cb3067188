import { CheckoutRequest, Money } from "@certify/domain"
import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { ResilienceSettings } from "../config/GatewayConfig.ts"
import { stripeSession } from "../fixtures/documentedEvents.ts"
import { listAllPayments } from "../testing/listAllPayments.ts"
import { type RecordingServer, startRecordingServer } from "../testing/recordingServer.ts"
import { makeStripeAdapter } from "./stripeAdapter.ts"

const resilience: ResilienceSettings = {
  timeoutMs: 2_000,
  maxRetries: 0,
  retryBaseDelayMs: 1,
  breakerThreshold: 50,
  breakerCooldownMs: 60_000
}
const request = Schema.decodeUnknownSync(CheckoutRequest)({
  paymentId: "pay-meta-1",
  intentId: "intent-meta-1",
  gateway: "stripe",
  amount: new Money({ amount: 4900, currency: "USD" }),
  learnerId: "ada",
  learnerEmail: "ada@example.org",
  courseId: "ts-101",
  courseTitle: "TypeScript Foundations"
})
// 100 is the adapter's page size: 250 sessions are three pages.
const sessions = Array.from({ length: 250 }, (_, i) =>
  stripeSession(`pay-list-${i}`, { id: `cs_test_${String(i).padStart(4, "0")}` })
)

let server: RecordingServer
beforeAll(async () => {
  server = await startRecordingServer((req) => {
    if (req.method === "POST" && req.path === "/v1/checkout/sessions")
      return { status: 200, body: { ...stripeSession(request.paymentId), url: "https://pay.example/cs" } }
    if (req.method === "GET" && req.path === "/v1/checkout/sessions") {
      const after = req.query.get("starting_after")
      const limit = Number(req.query.get("limit"))
      const start = after === null ? 0 : sessions.findIndex((s) => s.id === after) + 1
      const data = sessions.slice(start, start + limit)
      return {
        status: 200,
        body: {
          object: "list",
          url: "/v1/checkout/sessions",
          data,
          has_more: start + limit < sessions.length
        }
      }
    }
    return { status: 404, body: { error: { type: "invalid_request_error", code: "resource_missing" } } }
  })
})
afterAll(() => server.close())

const adapter = () =>
  makeStripeAdapter(
    {
      secretKey: "sk_test_stub",
      webhookSecrets: ["whsec_x"],
      apiUrl: server.url,
      webhookToleranceSeconds: 300,
      webhookFutureToleranceSeconds: 60
    },
    resilience,
    "https://certify.example"
  )

describe("the Stripe adapter on the wire (the official SDK against a recording server)", () => {
  it("creates the Checkout Session with our ids in metadata, on the session and its payment intent", async () => {
    await adapter().createCheckout(request)
    const sent = server.requests.find((r) => r.method === "POST" && r.path === "/v1/checkout/sessions")
    const form = new URLSearchParams(sent?.body ?? "")
    for (const prefix of ["metadata", "payment_intent_data[metadata]"]) {
      expect(form.get(`${prefix}[payment_id]`)).toBe("pay-meta-1")
      expect(form.get(`${prefix}[intent_id]`)).toBe("intent-meta-1")
      expect(form.get(`${prefix}[learner_id]`)).toBe("ada")
      expect(form.get(`${prefix}[course_id]`)).toBe("ts-101")
    }
    expect(form.get("line_items[0][price_data][unit_amount]")).toBe("4900")
    expect(form.get("line_items[0][price_data][currency]")).toBe("usd")
    expect(sent?.headers["idempotency-key"]).toBe("pay-meta-1")
  })

  it("lists every session across pages by following starting_after", async () => {
    const { snapshots, pages } = await listAllPayments(adapter())
    const seen = snapshots.map((s) => s.checkoutRef)
    expect(pages).toBe(3)
    expect(seen).toEqual(sessions.map((s) => s.id))
    const cursors = server.requests
      .filter((r) => r.method === "GET" && r.path === "/v1/checkout/sessions")
      .map((r) => r.query.get("starting_after"))
    expect(cursors).toEqual([null, "cs_test_0099", "cs_test_0199"])
  })
})
