import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { EmbeddedStack } from "../../../api/src/main/stack/EmbeddedStack.ts"
import { type SignedInClient, signedInClient } from "../stack/learnerClient.ts"
import { startTestStack } from "../stack/startTestStack.ts"
import { completeCourse, stackSandbox } from "./support/stackSandbox.ts"

type Gateway = "stripe" | "razorpay"
type Learner = "ada" | "ravi"

const REOPENED = { timeout: 20_000, interval: 300 }

/**
 * The whole product, real processes: a gateway that is down, or that commits a checkout and loses its
 * answer, is visible to the learner as "payment unavailable" and never leaves a second checkout behind.
 * No gateway retries inside a call and one failure opens the breaker, so each retry is a new request.
 */
describe("gateway outages and lost answers, end to end", () => {
  let stack: EmbeddedStack
  let ops: SignedInClient
  let sandbox: ReturnType<typeof stackSandbox>

  beforeAll(async () => {
    stack = await startTestStack("gateway-outage", {
      workers: 1,
      buildWeb: false,
      env: {
        GATEWAY_BREAKER_THRESHOLD: "1",
        GATEWAY_BREAKER_COOLDOWN_MS: "3000",
        GATEWAY_MAX_RETRIES: "0",
        GATEWAY_TIMEOUT_MS: "2000",
        RATE_LIMIT_START_PURCHASE: "1000/60"
      }
    })
    ops = await signedInClient(stack.urls.api, "ops")
    sandbox = stackSandbox(stack)
  }, 180_000)
  afterAll(async () => stack?.stop(), 60_000)

  /** One purchase click, resubmitted with the same request id as a browser would. */
  const purchase = async (learner: Learner, courseId: string, gateway: Gateway) => {
    const { client } = await signedInClient(stack.urls.api, learner)
    const requestId = randomUUID()
    const start = () => client.learner.startPurchase.mutate({ courseId, gateway, requestId })
    const available = async () =>
      (await client.learner.gateways.query()).find((g) => g.gateway === gateway)?.available
    /** Retries until the breaker lets a call through again and the checkout opens. */
    const startOnceReopened = async () => {
      await expect
        .poll(
          () =>
            start().then(
              () => "open",
              () => "refused"
            ),
          REOPENED
        )
        .toBe("open")
      return start()
    }
    /** Our payments for this course and gateway, as the operator sees them. */
    const attempts = async () =>
      (await ops.client.ops.search.query({ query: learner })).filter(
        (p) => p.courseId === courseId && p.gateway === gateway
      )
    return { client, start, available, startOnceReopened, attempts }
  }

  /** Nothing the gateway could later charge: no checkout of ours at the sandbox, no checkout ref on our side. */
  const expectNoChargeableIntent = async (
    attempts: () => Promise<ReadonlyArray<{ paymentId: string; checkoutRef: string | null }>>
  ) => {
    const payments = await attempts()
    // The attempt is recorded before the gateway is called, so it is there, but with nothing to pay.
    expect(payments).toHaveLength(1)
    for (const payment of payments) {
      expect(payment.checkoutRef).toBeNull()
      expect(await sandbox.checkoutsFor(payment.paymentId)).toEqual({ stripe: [], razorpay: [] })
    }
    return payments
  }

  it.each([
    { gateway: "stripe" as const, learner: "ada" as const, courseId: "payments-engineering" },
    { gateway: "razorpay" as const, learner: "ravi" as const, courseId: "distributed-databases" }
  ])(
    "$gateway down: payment unavailable, nothing chargeable left, one paid purchase after recovery",
    async ({ gateway, learner, courseId }) => {
      const buyer = await purchase(learner, courseId, gateway)
      await sandbox.outage(gateway, "error")
      let during: ReadonlyArray<{ paymentId: string }> = []
      try {
        await expect(buyer.start()).rejects.toThrow(/unavailable/i)
        await expect.poll(buyer.available, { timeout: 10_000 }).toBe(false)
        during = await expectNoChargeableIntent(buyer.attempts)
        // The course still offers a purchase (the other gateway can be picked): nothing shows as in progress.
        const course = (await buyer.client.learner.courses.query()).find((c) => c.courseId === courseId)
        expect(course?.purchase).toBeNull()
      } finally {
        await sandbox.outage(gateway, "off")
      }

      // The same click, resubmitted once the gateway is back: one payment, one checkout.
      const first = await buyer.startOnceReopened()
      const again = await buyer.start()
      expect(again.paymentId).toBe(first.paymentId)
      expect(first.paymentId).toBe(during[0]?.paymentId)
      expect(again.checkoutUrl).toBe(first.checkoutUrl)
      expect((await sandbox.checkoutsFor(first.paymentId))[gateway]).toHaveLength(1)

      await sandbox.pay(first.paymentId)
      await expect
        .poll(async () => (await buyer.client.learner.purchase.query({ paymentId: first.paymentId })).stage, {
          timeout: 30_000,
          interval: 300
        })
        .toBe("ready")
      expect(await buyer.available()).toBe(true)
    },
    60_000
  )

  it("Stripe commits the checkout but its answer is lost: the retry gets that same one session", async () => {
    const { courseId } = await completeCourse(stack, "ada", "lost-answer-stripe")
    const buyer = await purchase("ada", courseId, "stripe")
    await sandbox.loseResponses("stripe", 1, "error")
    await expect(buyer.start()).rejects.toThrow(/unavailable/i)

    // The session exists at Stripe; we never saw it, so our payment has no checkout yet.
    const [payment] = await buyer.attempts()
    expect(payment?.checkoutRef).toBeNull()
    const created = await sandbox.checkoutsFor(payment?.paymentId ?? "")
    expect(created.stripe).toHaveLength(1)

    // Same payment, same idempotency key: Stripe replays the committed session instead of making another.
    const first = await buyer.startOnceReopened()
    expect(first.paymentId).toBe(payment?.paymentId)
    expect(first.checkoutUrl).toContain(created.stripe[0])
    expect((await buyer.attempts()).map((p) => p.checkoutRef)).toEqual(created.stripe)
    expect((await buyer.start()).checkoutUrl).toBe(first.checkoutUrl)
    expect(await sandbox.checkoutsFor(first.paymentId)).toEqual(created)
  }, 40_000)

  it("Razorpay commits the order but the connection drops: the retry finds that same one order", async () => {
    const { courseId } = await completeCourse(stack, "ravi", "lost-answer-razorpay")
    const buyer = await purchase("ravi", courseId, "razorpay")
    await sandbox.loseResponses("razorpay", 1, "drop")
    await expect(buyer.start()).rejects.toThrow(/unavailable/i)

    const [payment] = await buyer.attempts()
    expect(payment?.checkoutRef).toBeNull()
    const created = await sandbox.checkoutsFor(payment?.paymentId ?? "")
    expect(created.razorpay).toHaveLength(1)

    // Orders have no idempotency key: the adapter looks the order up by its deterministic receipt.
    const first = await buyer.startOnceReopened()
    expect(first.paymentId).toBe(payment?.paymentId)
    expect((await buyer.attempts()).map((p) => p.checkoutRef)).toEqual(created.razorpay)
    expect((await buyer.start()).checkoutUrl).toBe(first.checkoutUrl)
    expect(await sandbox.checkoutsFor(first.paymentId)).toEqual(created)
  }, 40_000)
})
