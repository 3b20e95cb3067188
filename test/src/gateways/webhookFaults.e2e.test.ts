import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { EmbeddedStack } from "../../../api/src/main/stack/EmbeddedStack.ts"
import { type SignedInClient, signedInClient } from "../stack/learnerClient.ts"
import { startTestStack } from "../stack/startTestStack.ts"

const PIPELINE = { timeout: 60_000, interval: 500 }

/** The whole product, real processes: what the gateways' webhooks do wrong never changes the outcome. */
describe("both gateways end to end with duplicated, reordered and dropped webhooks", () => {
  let stack: EmbeddedStack
  let ops: SignedInClient

  const faults = (gateway: "stripe" | "razorpay", settings: Record<string, number>) =>
    fetch(`${stack.urls.sandbox}/__sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ gateway, duplicateRate: 0, dropRate: 0, reorderWindowMs: 0, ...settings })
    })

  /** A learner buys and pays; returns the payment once the learner's page says ready. */
  const buyAndPay = async (learner: string, courseId: string, gateway: "stripe" | "razorpay") => {
    const { client } = await signedInClient(stack.urls.api, learner)
    const { paymentId } = await client.learner.startPurchase.mutate({
      courseId,
      gateway,
      requestId: randomUUID()
    })
    const paid = await fetch(`${stack.urls.sandbox}/__sandbox/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ref: paymentId })
    })
    expect(paid.status).toBe(200)
    await expect
      .poll(async () => (await client.learner.purchase.query({ paymentId })).stage, PIPELINE)
      .toBe("ready")
    const certificates = await client.learner.certificates.query()
    return { client, paymentId, certificates }
  }

  beforeAll(async () => {
    stack = await startTestStack("webhook-faults", {
      workers: 2,
      buildWeb: false,
      env: { RECONCILE_EVERY: "3 seconds", SWEEP_INBOX_EVERY: "3 seconds", SWEEP_DELAY_MS: "2000" }
    })
    ops = await signedInClient(stack.urls.api, "ops")
  }, 180_000)
  afterAll(async () => stack?.stop(), 60_000)

  it("Stripe: every event delivered twice and out of order → one payment, one entitlement, one certificate", async () => {
    await faults("stripe", { duplicateRate: 1, reorderWindowMs: 400 })
    const { paymentId, certificates } = await buyAndPay("ada", "typescript-foundations", "stripe")
    expect(certificates.filter((c) => c.courseTitle === "TypeScript Foundations")).toHaveLength(1)
    const story = await ops.client.ops.story.query({ paymentId })
    expect(story.payment.status).toBe("succeeded")
    expect(story.inbox.length).toBeGreaterThanOrEqual(1)
    expect(
      story.audit.filter((entry) => entry.to === "succeeded" && entry.subjectType === "payment")
    ).toHaveLength(1)
  }, 90_000)

  it("Razorpay: every event delivered twice → ready once", async () => {
    await faults("razorpay", { duplicateRate: 1, reorderWindowMs: 400 })
    const { certificates } = await buyAndPay("ravi", "typescript-foundations", "razorpay")
    expect(certificates.filter((c) => c.courseTitle === "TypeScript Foundations")).toHaveLength(1)
  }, 90_000)

  it("Razorpay: every webhook dropped → reconciliation asks the gateway and delivers anyway", async () => {
    await faults("razorpay", { dropRate: 1 })
    const { paymentId, certificates } = await buyAndPay("ravi", "distributed-databases", "razorpay")
    expect(certificates.filter((c) => c.courseTitle === "Distributed Databases")).toHaveLength(1)
    const story = await ops.client.ops.story.query({ paymentId })
    expect(
      story.audit.some((entry) => entry.to === "succeeded" && entry.actor.startsWith("reconciler"))
    ).toBe(true)
  }, 90_000)
})
