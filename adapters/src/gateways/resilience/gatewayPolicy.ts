import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  IsolatedCircuitError,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap
} from "cockatiel"
import type { ResilienceSettings } from "../config/GatewayConfig.ts"

/** What a gateway call failed with, classified by the gateway's own client. */
export interface FailureClassifier {
  /** Worth retrying and counted by the breaker: network errors, timeouts, 5xx, 429. */
  readonly isTransient: (error: unknown) => boolean
  /** A short, secret-free description for logs and the learner-facing reason. */
  readonly describe: (error: unknown) => string
}

export interface Availability {
  readonly available: boolean
  readonly reason?: string
}

export interface GatewayPolicy {
  /** Runs one gateway call with a per-attempt timeout, bounded retries with backoff, and the breaker. */
  readonly run: <A>(call: () => Promise<A>) => Promise<A>
  readonly availability: () => Availability
  /** Why a call failed, in words: "gateway timed out", "circuit open: …". */
  readonly explain: (error: unknown) => string
}

/**
 * One policy per gateway (so an outage of one leaves the other usable). cockatiel gives the circuit
 * breaker with its state and half-open probe built in, which Effect's Schedule does not; retries are
 * only for transient failures, and every retried call carries the same idempotency key.
 */
export const makeGatewayPolicy = (
  settings: ResilienceSettings,
  classifier: FailureClassifier,
  now: () => number = Date.now
): GatewayPolicy => {
  const timedOut = (error: unknown) => error instanceof TaskCancelledError
  const transient = (error: unknown) => timedOut(error) || classifier.isTransient(error)
  const breaker = circuitBreaker(handleWhen(transient), {
    halfOpenAfter: settings.breakerCooldownMs,
    breaker: new ConsecutiveBreaker(settings.breakerThreshold)
  })
  let openedAt = 0
  let lastFailure = ""
  breaker.onBreak((reason) => {
    openedAt = now()
    lastFailure = "error" in reason ? explainFailure(reason.error) : "failure"
  })
  const retries = retry(
    handleWhen((error) => transient(error) && !(error instanceof BrokenCircuitError)),
    {
      maxAttempts: settings.maxRetries,
      backoff: new ExponentialBackoff({
        initialDelay: settings.retryBaseDelayMs,
        maxDelay: settings.retryBaseDelayMs * 16
      })
    }
  )
  const perAttempt = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive)
  const policy = wrap(retries, breaker, perAttempt)

  function explainFailure(error: unknown): string {
    if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError)
      return `gateway not responding (circuit open after repeated failures${lastFailure ? `: ${lastFailure}` : ""})`
    if (timedOut(error)) return `gateway timed out after ${settings.timeoutMs} ms`
    return classifier.describe(error)
  }

  return {
    run: (call) => policy.execute(() => call()),
    availability: () => {
      const state = breaker.state
      if (state === CircuitState.Isolated) return { available: false, reason: "gateway switched off" }
      // An open circuit lets a probe through once its cool-down has passed: offer the gateway again.
      if (state === CircuitState.Open && now() - openedAt < settings.breakerCooldownMs)
        return { available: false, reason: `gateway outage: ${lastFailure || "repeated failures"}` }
      return { available: true }
    },
    explain: explainFailure
  }
}
