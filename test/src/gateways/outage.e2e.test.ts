import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { EmbeddedStack } from "../../../api/src/main/stack/EmbeddedStack.ts"
import { signedInClient } from "../stack/learnerClient.ts"
import { startTestStack } from "../stack/startTestStack.ts"

const sandbox = (stack: EmbeddedStack, action: string, body: Record<string, unknown>) =>
  fetch(`${stack.urls.sandbox}/__sandbox/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body)
  })

/** The whole product, real processes: a gateway outage is visible to the learner and loses nothing. */
describe("a learner buys while Stripe is down, then after it recovers", () => {
  let stack: EmbeddedStack

  beforeAll(async () => {
    stack = await startTestStack("gateway-outage", {
      workers: 1,
      buildWeb: false,
      env: {
        GATEWAY_BREAKER_THRESHOLD: "1",
        GATEWAY_BREAKER_COOLDOWN_MS: "5000",
        GATEWAY_MAX_RETRIES: "0",
        GATEWAY_TIMEOUT_MS: "2000",
        RATE_LIMIT_START_PURCHASE: "1000/60"
      }
    })
  }, 180_000)
  afterAll(async () => stack?.stop(), 60_000)

  it("shows payment unavailable during the outage, and one paid purchase afterwards", async () => {
    const { client } = await signedInClient(stack.urls.api, "ada")
    await sandbox(stack, "outage", { gateway: "stripe", mode: "error" })
    const requestId = randomUUID()
    const start = () =>
      client.learner.startPurchase.mutate({ courseId: "payments-engineering", gateway: "stripe", requestId })

    await expect(start()).rejects.toThrow(/unavailable/i)
    await expect
      .poll(
        async () => (await client.learner.gateways.query()).find((g) => g.gateway === "stripe")?.available,
        {
          timeout: 10_000
        }
      )
      .toBe(false)

    await sandbox(stack, "outage", { gateway: "stripe", mode: "off" })
    // The same click, resubmitted once the gateway is back: one payment, one checkout.
    await expect
      .poll(
        () =>
          start().then(
            () => "open",
            () => "refused"
          ),
        { timeout: 20_000, interval: 500 }
      )
      .toBe("open")
    const first = await start()
    const again = await start()
    expect(again.paymentId).toBe(first.paymentId)

    const paid = await sandbox(stack, "pay", { ref: first.paymentId })
    expect(paid.status).toBe(200)
    await expect
      .poll(async () => (await client.learner.purchase.query({ paymentId: first.paymentId })).stage, {
        timeout: 60_000,
        interval: 500
      })
      .toBe("ready")
    expect((await client.learner.gateways.query()).find((g) => g.gateway === "stripe")?.available).toBe(true)
  }, 120_000)
})
