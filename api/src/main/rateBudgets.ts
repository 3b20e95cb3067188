import { defaultBudgets, type RateBudgets } from "../ratelimit/RateLimits.ts"

const ENV: Readonly<Record<keyof RateBudgets, string>> = {
  startPurchase: "RATE_LIMIT_START_PURCHASE",
  download: "RATE_LIMIT_DOWNLOAD",
  verify: "RATE_LIMIT_VERIFY",
  platform: "RATE_LIMIT_PLATFORM"
}

/** `RATE_LIMIT_VERIFY=120/60` means 120 requests per 60 s per client; unset keeps the default. */
export const readRateBudgets = (env: NodeJS.ProcessEnv): RateBudgets => {
  const budgets = { ...defaultBudgets }
  for (const [bucket, name] of Object.entries(ENV) as Array<[keyof RateBudgets, string]>) {
    const raw = env[name]
    if (!raw) continue
    const match = /^(\d+)\/(\d+)$/.exec(raw.trim())
    if (!match) throw new Error(`${name} must look like 120/60 (requests per seconds), got "${raw}"`)
    budgets[bucket] = { points: Number(match[1]), durationSeconds: Number(match[2]) }
  }
  return budgets
}
