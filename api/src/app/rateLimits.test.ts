import { describe, expect, it } from "vitest"
import { demoCompletions } from "../platform/demoCompletions.ts"
import { PLATFORM_KEY, startTestApp } from "./testApp.ts"

describe("rate limits", () => {
  it("answers 429 with Retry-After once the verify budget is spent", async () => {
    const limited = await startTestApp("api_ratelimit", {
      rateBudgets: {
        startPurchase: { points: 1, durationSeconds: 60 },
        download: { points: 1, durationSeconds: 60 },
        verify: { points: 2, durationSeconds: 60 },
        platform: { points: 1, durationSeconds: 60 }
      }
    })
    try {
      const statuses = []
      for (let i = 0; i < 3; i++)
        statuses.push((await fetch(limited.url("/verify/ABCD-EFGH-JKMN-PQRS"))).status)
      expect(statuses).toEqual([404, 404, 429])
      const refused = await fetch(limited.url("/verify/ABCD-EFGH-JKMN-PQRS"))
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0)
      const platform = (key: string) =>
        fetch(limited.url("/platform/v1/completions"), {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          body: JSON.stringify(demoCompletions[0])
        })
      expect((await platform(PLATFORM_KEY)).status).toBe(201)
      const guessed = await platform("guess")
      expect(guessed.status).toBe(429)
      expect(Number(guessed.headers.get("retry-after"))).toBeGreaterThan(0)
      expect((await fetch(limited.url("/healthz"))).status).toBe(200)
      expect((await fetch(limited.url("/metrics"))).status).toBe(200)
    } finally {
      await limited.close()
    }
  })
})
