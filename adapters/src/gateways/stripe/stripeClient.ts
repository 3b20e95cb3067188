import Stripe from "stripe"
import type { FailureClassifier } from "../resilience/gatewayPolicy.ts"

export interface StripeClientOptions {
  readonly secretKey: string
  /** Unset: api.stripe.com. Set: its scheme, host and port go to the SDK's documented options. */
  readonly apiUrl: URL | undefined
  readonly timeoutMs: number
}

/**
 * The SDK client. Its own retries are off: they would use random idempotency keys where we send
 * deterministic ones, and our policy already retries with backoff and feeds the circuit breaker.
 */
export const makeStripeClient = (options: StripeClientOptions): Stripe =>
  new Stripe(options.secretKey, {
    maxNetworkRetries: 0,
    timeout: options.timeoutMs,
    telemetry: false,
    appInfo: { name: "certify" },
    ...(options.apiUrl === undefined
      ? {}
      : {
          host: options.apiUrl.hostname,
          port: options.apiUrl.port || (options.apiUrl.protocol === "https:" ? "443" : "80"),
          protocol: options.apiUrl.protocol === "https:" ? "https" : "http"
        })
  })

const stripeError = (error: unknown) => (error instanceof Stripe.errors.StripeError ? error : undefined)

export const stripeFailures: FailureClassifier = {
  isTransient: (error) => {
    const failure = stripeError(error)
    if (failure === undefined) return false
    const status = failure.statusCode ?? 0
    return (
      failure instanceof Stripe.errors.StripeConnectionError ||
      failure instanceof Stripe.errors.StripeAPIError ||
      failure instanceof Stripe.errors.StripeRateLimitError ||
      status >= 500 ||
      status === 409 ||
      status === 429
    )
  },
  describe: (error) => {
    const failure = stripeError(error)
    if (failure === undefined) return error instanceof Error ? error.message : String(error)
    const status = failure.statusCode === undefined ? "no response" : `HTTP ${failure.statusCode}`
    return `stripe ${failure.type} (${status}${failure.code ? `, ${failure.code}` : ""})`
  }
}

/** Stripe's answer for an id it does not know. */
export const isStripeMissing = (error: unknown) => stripeError(error)?.code === "resource_missing"

/** A full refund asked for twice: the second answer says it is done already. */
export const isStripeAlreadyRefunded = (error: unknown) =>
  stripeError(error)?.code === "charge_already_refunded"
