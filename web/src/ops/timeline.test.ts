import { describe, expect, it } from "vitest"
import { buildTimeline } from "./timeline.ts"
import type { PaymentStory } from "./types.ts"

const story: PaymentStory = {
  payment: {
    paymentId: "pay_1",
    learnerId: "ada",
    courseId: "c1",
    gateway: "stripe",
    attempt: 1,
    status: "succeeded",
    amount: { currency: "USD", amountMinor: 1999 },
    checkoutRef: "cs_1",
    gatewayPaymentId: "pi_1",
    createdAt: "2025-01-01T10:00:00.000Z"
  },
  stage: "ready",
  audit: [
    {
      subjectType: "payment",
      subjectId: "pay_1",
      seq: 2,
      from: "pending",
      to: "succeeded",
      event: "PaymentSucceeded",
      actor: "gateway:stripe",
      cause: "event:evt_1",
      at: "2025-01-01T10:01:00.000Z"
    },
    {
      subjectType: "payment",
      subjectId: "pay_1",
      seq: 1,
      from: "created",
      to: "pending",
      event: "CheckoutOpened",
      actor: "learner:ada",
      cause: "request:r1",
      at: "2025-01-01T10:00:00.000Z"
    }
  ],
  inbox: [
    {
      gateway: "stripe",
      eventId: "evt_1",
      kind: "payment_succeeded",
      gatewayType: "checkout.session.completed",
      receivedAt: "2025-01-01T10:01:00.000Z",
      processedAt: "2025-01-01T10:01:00.500Z",
      outcome: "applied",
      attempts: 1,
      lastError: null
    }
  ],
  jobs: [
    {
      jobId: "j1",
      name: "issueCertificate",
      key: "pay_1",
      state: "queued",
      attempts: 0,
      lastError: null,
      nextRunAt: null,
      lastRunAt: null,
      failedAt: null
    }
  ],
  reviews: [],
  operatorActions: [],
  certificate: null
}

describe("buildTimeline", () => {
  it("orders the story by time, the audit trail first on ties, jobs without a time last", () => {
    const entries = buildTimeline(story)
    expect(entries.map((e) => [e.source, e.title])).toEqual([
      ["audit", "payment created → pending"],
      ["audit", "payment pending → succeeded"],
      ["gateway", "stripe event checkout.session.completed"],
      ["job", "job issueCertificate queued"]
    ])
  })
})
