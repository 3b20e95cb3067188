import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible"

export type RateLimitBucket = "startPurchase" | "download" | "verify" | "platform"

export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number }

/** Per-client budgets; in memory, so each API process counts its own (good enough for one node). */
export interface RateLimits {
  readonly consume: (bucket: RateLimitBucket, key: string) => Promise<RateDecision>
}

export type RateBudgets = Record<
  RateLimitBucket,
  { readonly points: number; readonly durationSeconds: number }
>

export const defaultBudgets: RateBudgets = {
  startPurchase: { points: 10, durationSeconds: 60 },
  download: { points: 30, durationSeconds: 60 },
  verify: { points: 120, durationSeconds: 60 },
  platform: { points: 600, durationSeconds: 60 }
}

export const makeRateLimits = (budgets: RateBudgets = defaultBudgets): RateLimits => {
  const limiters = Object.fromEntries(
    Object.entries(budgets).map(([bucket, { points, durationSeconds }]) => [
      bucket,
      new RateLimiterMemory({ keyPrefix: bucket, points, duration: durationSeconds })
    ])
  ) as Record<RateLimitBucket, RateLimiterMemory>
  return {
    consume: async (bucket, key) => {
      try {
        await limiters[bucket].consume(key)
        return { allowed: true }
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes)
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) }
        throw rejection
      }
    }
  }
}
