import { describe, expect, it } from "vitest"
import { type FailureClassifier, makeGatewayPolicy } from "./gatewayPolicy.ts"

class Transient extends Error {}
const classifier: FailureClassifier = {
  isTransient: (error) => error instanceof Transient,
  describe: (error) => (error instanceof Error ? error.message : String(error))
}
const settings = {
  timeoutMs: 50,
  maxRetries: 2,
  retryBaseDelayMs: 1,
  breakerThreshold: 3,
  breakerCooldownMs: 1_000
}

describe("the per-gateway policy", () => {
  it("retries transient failures with the same call, then succeeds", async () => {
    const policy = makeGatewayPolicy(settings, classifier)
    let calls = 0
    const result = await policy.run(async () => {
      calls += 1
      if (calls < 3) throw new Transient("503")
      return "ok"
    })
    expect(result).toBe("ok")
    expect(calls).toBe(3)
  })

  it("does not retry a permanent failure, and it does not open the circuit", async () => {
    const policy = makeGatewayPolicy(settings, classifier)
    let calls = 0
    for (let i = 0; i < 5; i++)
      await policy
        .run(async () => {
          calls += 1
          throw new Error("invalid request")
        })
        .catch(() => undefined)
    expect(calls).toBe(5)
    expect(policy.availability().available).toBe(true)
  })

  it("opens after repeated failures, refuses calls while open, and offers the gateway again after the cool-down", async () => {
    let now = 0
    const policy = makeGatewayPolicy(settings, classifier, () => now)
    await policy.run(() => Promise.reject(new Transient("connection refused"))).catch(() => undefined)
    expect(policy.availability()).toMatchObject({ available: false })
    expect(policy.availability().reason).toMatch(/connection refused/)
    let called = false
    const refused = await policy
      .run(async () => {
        called = true
      })
      .catch((error: unknown) => error)
    expect(called).toBe(false)
    expect(policy.explain(refused)).toMatch(/circuit open/)
    now += settings.breakerCooldownMs
    expect(policy.availability().available).toBe(true)
  })

  it("times out a call that hangs", async () => {
    const policy = makeGatewayPolicy({ ...settings, maxRetries: 0 }, classifier)
    const error = await policy.run(() => new Promise(() => undefined)).catch((e: unknown) => e)
    expect(policy.explain(error)).toMatch(/timed out after 50 ms/)
  })
})
