import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { EmbeddedStack } from "../../../api/src/main/stack/EmbeddedStack.ts"
import { type SignedInClient, signedInClient } from "../stack/learnerClient.ts"
import { startTestStack } from "../stack/startTestStack.ts"
import { completeCourse, stackSandbox } from "./support/stackSandbox.ts"

const PIPELINE = { timeout: 60_000, interval: 500 }

/** The whole product, real processes: what the gateways' webhooks do wrong never changes the outcome. */
describe("both gateways end to end with duplicated, reordered and dropped webhooks", () => {
  let stack: EmbeddedStack
  let ops: SignedInClient
  let sandbox: ReturnType<typeof stackSandbox>

  const faults = (gateway: "stripe" | "razorpay", settings: Record<string, number>) =>
    sandbox.faults(gateway, settings)

  const startBuying = async (learner: string, courseId: string, gateway: "stripe" | "razorpay") => {
    const { client } = await signedInClient(stack.urls.api, learner)
    const { paymentId } = await client.learner.startPurchase.mutate({
      courseId,
      gateway,
      requestId: randomUUID()
    })
    return { client, paymentId }
  }

  /** A learner buys and pays; returns the payment once the learner's page says ready. */
  const buyAndPay = async (learner: string, courseId: string, gateway: "stripe" | "razorpay") => {
    const { client, paymentId } = await startBuying(learner, courseId, gateway)
    await sandbox.pay(paymentId)
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
    sandbox = stackSandbox(stack)
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

  it("Razorpay: every event delivered five times → ready once", async () => {
    await faults("razorpay", { duplicateRate: 1, duplicateCopies: 5, reorderWindowMs: 400 })
    const before = (await sandbox.deliveries()).length
    const { paymentId, certificates } = await buyAndPay("ravi", "typescript-foundations", "razorpay")
    expect(certificates.filter((c) => c.courseTitle === "TypeScript Foundations")).toHaveLength(1)
    await sandbox.settle()
    const sent = (await sandbox.deliveries()).slice(before).filter((d) => d.gateway === "razorpay")
    expect(sent.length).toBeGreaterThanOrEqual(1)
    for (const delivery of sent) expect(delivery.statuses.filter((s) => s >= 200 && s < 300)).toHaveLength(5)
    const story = await ops.client.ops.story.query({ paymentId })
    expect(
      story.audit.filter((entry) => entry.to === "succeeded" && entry.subjectType === "payment")
    ).toHaveLength(1)
  }, 90_000)

  it("Stripe: every webhook dropped → reconciliation fetches the session and delivers anyway", async () => {
    await faults("stripe", { dropRate: 1 })
    const { courseId, title } = await completeCourse(stack, "ada", "stripe-dropped-webhook")
    const before = (await sandbox.deliveries()).length
    const { paymentId, certificates } = await buyAndPay("ada", courseId, "stripe")
    expect(certificates.filter((c) => c.courseTitle === title)).toHaveLength(1)
    const sent = (await sandbox.deliveries()).slice(before).filter((d) => d.gateway === "stripe")
    expect(sent.map((d) => d.type)).toContain("checkout.session.completed")
    expect(sent.every((d) => d.dropped && d.statuses.length === 0)).toBe(true)
    const story = await ops.client.ops.story.query({ paymentId })
    expect(
      story.audit.some((entry) => entry.to === "succeeded" && entry.actor.startsWith("reconciler"))
    ).toBe(true)
  }, 90_000)

  it.each([
    { gateway: "stripe" as const, learner: "ada" },
    { gateway: "razorpay" as const, learner: "ravi" }
  ])(
    "$gateway: a decline then a payment, delivered newest first → succeeded, one entitlement",
    async ({ gateway, learner }) => {
      await faults(gateway, {})
      const { courseId, title } = await completeCourse(stack, learner as "ada" | "ravi", `reorder-${gateway}`)
      const { client, paymentId } = await startBuying(learner, courseId, gateway)
      await sandbox.hold(gateway)
      await sandbox.decline(paymentId)
      await sandbox.pay(paymentId)
      // Each event is answered, then given time to be processed, before the older one is sent.
      expect(await sandbox.release(gateway, "reverse", 1_000)).toBeGreaterThanOrEqual(2)
      await sandbox.settle()
      await expect
        .poll(async () => (await client.learner.purchase.query({ paymentId })).stage, PIPELINE)
        .toBe("ready")

      const story = await ops.client.ops.story.query({ paymentId })
      expect(story.payment.status).toBe("succeeded")
      const firstOf = (kind: string) =>
        Math.min(...story.inbox.filter((e) => e.kind === kind).map((e) => Date.parse(e.receivedAt)))
      // The app really saw the success before the decline.
      expect(firstOf("payment_succeeded")).toBeLessThan(firstOf("payment_failed"))
      expect(
        story.audit.filter((entry) => entry.to === "succeeded" && entry.subjectType === "payment")
      ).toHaveLength(1)
      const certificates = await client.learner.certificates.query()
      expect(certificates.filter((c) => c.courseTitle === title)).toHaveLength(1)
    },
    90_000
  )

  it("Stripe: paid a different amount, webhook dropped → reconciliation flags it, grants nothing", async () => {
    await faults("stripe", { dropRate: 1 })
    const { courseId, title } = await completeCourse(stack, "ada", "stripe-amount-mismatch")
    const { client, paymentId } = await startBuying("ada", courseId, "stripe")
    await sandbox.pay(paymentId, 100)
    const run = await ops.client.ops.startReconciliation.mutate({
      gateway: "stripe",
      note: "amount mismatch end-to-end test",
      requestId: randomUUID()
    })
    expect(run.outcome).toBe("done")
    await expect
      .poll(
        async () =>
          (await ops.client.ops.reviews.query())
            .filter((review) => review.subjectId === paymentId)
            .map((review) => review.reason),
        PIPELINE
      )
      .toContain("amount_mismatch")

    const story = await ops.client.ops.story.query({ paymentId })
    expect(story.payment.status).not.toBe("succeeded")
    expect(story.certificate).toBeNull()
    expect(story.audit.some((entry) => entry.subjectType === "entitlement")).toBe(false)
    expect((await client.learner.certificates.query()).filter((c) => c.courseTitle === title)).toHaveLength(0)
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
