import type { BackoffStrategy } from "agenda"

export interface RetryPolicy {
  /** Runs in all, the first included; after the last failure the job is dead-lettered. */
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** ± this fraction of the delay, so jobs failing together (an outage) do not retry in lockstep. */
  readonly jitter: number
}

/** 8 runs over about 8 minutes: 2 s, 4 s, … 256 s between them, ±25 %. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  jitter: 0.25
}

/**
 * A failure that retrying cannot fix (the renderer or the mail server refused the input for good,
 * malformed job data). Thrown by a job handler, it dead-letters the job at once: kept, visible, retryable
 * by an operator after the cause is fixed.
 */
export class PermanentJobFailure extends Error {
  override readonly name = "PermanentJobFailure"
}

/** A retryable failure, with the domain error's tag for logs and metrics. */
export class RetryableJobFailure extends Error {
  override readonly name = "RetryableJobFailure"
  /** Set when the failure knows when a retry can succeed (a lease that runs out): used instead of the backoff. */
  readonly retryAfterMs: number | undefined
  constructor(message: string, retryAfterMs?: number) {
    super(message)
    this.retryAfterMs = retryAfterMs
  }
}

export const retryDelayMs = (policy: RetryPolicy, attempt: number, random = Math.random()) => {
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(delay * (1 - policy.jitter + 2 * policy.jitter * random))
}

/** Agenda's backoff hook: `null` means no more retries, and Agenda leaves the job failed (dead). */
export const backoffFor =
  (policy: RetryPolicy = DEFAULT_RETRY_POLICY): BackoffStrategy =>
  ({ attempt, error }) =>
    error instanceof PermanentJobFailure || attempt >= policy.maxAttempts
      ? null
      : error instanceof RetryableJobFailure && error.retryAfterMs !== undefined
        ? Math.min(policy.maxDelayMs, error.retryAfterMs)
        : retryDelayMs(policy, attempt)
