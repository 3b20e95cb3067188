import { describe, expect, it } from "vitest"
import {
  backoffFor,
  DEFAULT_RETRY_POLICY,
  PermanentJobFailure,
  RetryableJobFailure,
  retryDelayMs
} from "./retryPolicy.ts"

const backoff = backoffFor(DEFAULT_RETRY_POLICY)
const delay = (attempt: number, error: Error) =>
  backoff({ attempt, error, jobName: "send-certificate-email", jobId: "1" } as never)

describe("the retry policy Agenda applies to failed jobs", () => {
  it("backs off exponentially with jitter, and dead-letters after the last attempt", () => {
    for (let attempt = 1; attempt < DEFAULT_RETRY_POLICY.maxAttempts; attempt++) {
      const base = Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, 2_000 * 2 ** (attempt - 1))
      expect(retryDelayMs(DEFAULT_RETRY_POLICY, attempt, 0)).toBe(base * 0.75)
      expect(retryDelayMs(DEFAULT_RETRY_POLICY, attempt, 1)).toBe(base * 1.25)
    }
    expect(delay(DEFAULT_RETRY_POLICY.maxAttempts, new RetryableJobFailure("SMTP down"))).toBeNull()
  })

  it("dead-letters a permanent failure at once", () => {
    expect(delay(1, new PermanentJobFailure("MailRejected: no such user"))).toBeNull()
  })

  it("retries when the failure says a retry can succeed (another worker's lease ends), not on the backoff", () => {
    expect(delay(5, new RetryableJobFailure("MailUnavailable: send in progress elsewhere", 41_000))).toBe(
      41_000
    )
    expect(delay(1, new RetryableJobFailure("taken by another worker", 5_000))).toBe(5_000)
    expect(delay(2, new RetryableJobFailure("far off", 10 ** 9))).toBe(DEFAULT_RETRY_POLICY.maxDelayMs)
  })
})
