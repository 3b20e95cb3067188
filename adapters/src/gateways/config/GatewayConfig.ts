/** Stripe, configured by STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRETS. */
export interface StripeSettings {
  readonly secretKey: string
  /** Every secret currently accepted on webhooks: more than one while rotating. */
  readonly webhookSecrets: ReadonlyArray<string>
  /** Unset: the real Stripe API. Set: a stand-in such as the sandbox (scheme, host and port only). */
  readonly apiUrl: URL | undefined
  readonly webhookToleranceSeconds: number
  /** How far a signature timestamp may lie in the future (clock skew); the SDK checks only the past. */
  readonly webhookFutureToleranceSeconds: number
}

/** Razorpay, configured by RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET and RAZORPAY_WEBHOOK_SECRETS. */
export interface RazorpaySettings {
  readonly keyId: string
  readonly keySecret: string
  readonly webhookSecrets: ReadonlyArray<string>
  /**
   * How old an event's `created_at` may be. Razorpay redelivers for up to 24 hours, so the default
   * (48 h) only refuses replays of old captures; duplicates are caught by the event id anyway.
   */
  readonly webhookToleranceSeconds: number
  readonly webhookFutureToleranceSeconds: number
  readonly apiUrl: URL | undefined
  readonly checkoutScriptUrl: string
  /** Shown in the Razorpay checkout as the merchant's name. */
  readonly merchantName: string
}

export interface ResilienceSettings {
  /** Per attempt. */
  readonly timeoutMs: number
  /** Retries after the first attempt, for timeouts, network errors, 5xx and 429 only. */
  readonly maxRetries: number
  readonly retryBaseDelayMs: number
  /** Consecutive failed attempts that open the circuit. */
  readonly breakerThreshold: number
  /** How long an open circuit refuses calls before one probe is let through. */
  readonly breakerCooldownMs: number
}

export interface GatewayConfig {
  /** Where learners reach us: return URLs and the Razorpay checkout page are built on it. */
  readonly publicBaseUrl: string
  /** `undefined`: not configured, so not offered. */
  readonly stripe: StripeSettings | undefined
  readonly razorpay: RazorpaySettings | undefined
  readonly resilience: ResilienceSettings
  readonly webhookBodyLimitBytes: number
}

export class GatewayConfigError extends Error {
  override readonly name = "GatewayConfigError"
  readonly problems: ReadonlyArray<string>
  constructor(problems: ReadonlyArray<string>) {
    super(`invalid payment gateway configuration:\n  - ${problems.join("\n  - ")}`)
    this.problems = problems
  }
}

type Env = Record<string, string | undefined>

const DEFAULT_RAZORPAY_CHECKOUT_SCRIPT = "https://checkout.razorpay.com/v1/checkout.js"

/** Reads and checks every gateway setting at once, so one error lists everything that is wrong. */
export const readGatewayConfig = (env: Env): GatewayConfig => {
  const problems: Array<string> = []
  const text = (name: string) => {
    const value = env[name]?.trim()
    return value === undefined || value === "" ? undefined : value
  }
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = text(name)
    if (raw === undefined) return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
      return fallback
    }
    return value
  }
  const list = (name: string) =>
    (text(name) ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "")
  const url = (name: string, { originOnly }: { originOnly: boolean }) => {
    const raw = text(name)
    if (raw === undefined) return undefined
    try {
      const parsed = new URL(raw)
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("scheme")
      if (originOnly && (parsed.pathname !== "/" || parsed.search !== "" || parsed.hash !== "")) {
        problems.push(`${name} must be scheme, host and port only (no path), got "${raw}"`)
        return undefined
      }
      return parsed
    } catch {
      problems.push(`${name} must be an http(s) URL, got "${raw}"`)
      return undefined
    }
  }

  const publicBaseUrl = (
    text("PUBLIC_BASE_URL") ?? `http://${text("HOST") ?? "127.0.0.1"}:${text("PORT") ?? "3000"}`
  ).replace(/\/+$/, "")
  if (!/^https?:\/\/[^/]+(\/.*)?$/.test(publicBaseUrl))
    problems.push(`PUBLIC_BASE_URL must be an http(s) URL, got "${publicBaseUrl}"`)

  const stripe = readStripe()
  const razorpay = readRazorpay()
  // The sandbox gateways are a dev/test stand-in: production talks to the real APIs or not at all.
  if (text("NODE_ENV") === "production")
    for (const name of ["STRIPE_API_URL", "RAZORPAY_API_URL"])
      if (text(name) !== undefined)
        problems.push(
          `${name} points the gateway at a stand-in (the sandbox), which is off in production: unset it, or run with NODE_ENV other than production`
        )
  const resilience: ResilienceSettings = {
    timeoutMs: integer("GATEWAY_TIMEOUT_MS", 10_000, 100, 120_000),
    maxRetries: integer("GATEWAY_MAX_RETRIES", 2, 0, 10),
    retryBaseDelayMs: integer("GATEWAY_RETRY_BASE_DELAY_MS", 200, 1, 60_000),
    breakerThreshold: integer("GATEWAY_BREAKER_THRESHOLD", 5, 1, 1_000),
    breakerCooldownMs: integer("GATEWAY_BREAKER_COOLDOWN_MS", 30_000, 10, 3_600_000)
  }
  const webhookBodyLimitBytes = integer("WEBHOOK_BODY_LIMIT_BYTES", 256 * 1024, 1024, 16 * 1024 * 1024)
  if (problems.length > 0) throw new GatewayConfigError(problems)
  return { publicBaseUrl, stripe, razorpay, resilience, webhookBodyLimitBytes }

  function readStripe(): StripeSettings | undefined {
    const secretKey = text("STRIPE_SECRET_KEY")
    const webhookSecrets = list("STRIPE_WEBHOOK_SECRETS")
    const apiUrl = url("STRIPE_API_URL", { originOnly: true })
    const webhookToleranceSeconds = integer("STRIPE_WEBHOOK_TOLERANCE_SECONDS", 300, 1, 86_400)
    const webhookFutureToleranceSeconds = integer("STRIPE_WEBHOOK_FUTURE_TOLERANCE_SECONDS", 60, 0, 3_600)
    if (secretKey === undefined) {
      if (webhookSecrets.length > 0)
        problems.push("STRIPE_WEBHOOK_SECRETS is set but STRIPE_SECRET_KEY is not")
      return undefined
    }
    if (!/^(sk|rk)_(test|live)_\S+$/.test(secretKey))
      problems.push("STRIPE_SECRET_KEY must look like sk_test_… or sk_live_… (or a restricted rk_ key)")
    if (apiUrl !== undefined && /_live_/.test(secretKey))
      problems.push("refusing to send a live STRIPE_SECRET_KEY to STRIPE_API_URL: unset it for real Stripe")
    if (webhookSecrets.length === 0)
      problems.push(
        "STRIPE_WEBHOOK_SECRETS is required when STRIPE_SECRET_KEY is set (comma-separated whsec_…)"
      )
    for (const secret of webhookSecrets)
      if (!secret.startsWith("whsec_"))
        problems.push("each STRIPE_WEBHOOK_SECRETS entry must start with whsec_")
    return { secretKey, webhookSecrets, apiUrl, webhookToleranceSeconds, webhookFutureToleranceSeconds }
  }

  function readRazorpay(): RazorpaySettings | undefined {
    const keyId = text("RAZORPAY_KEY_ID")
    const keySecret = text("RAZORPAY_KEY_SECRET")
    const webhookSecrets = list("RAZORPAY_WEBHOOK_SECRETS")
    const apiUrl = url("RAZORPAY_API_URL", { originOnly: false })
    const script = url("RAZORPAY_CHECKOUT_SCRIPT_URL", { originOnly: false })
    const merchantName = text("RAZORPAY_CHECKOUT_NAME") ?? "Certify"
    const webhookToleranceSeconds = integer("RAZORPAY_WEBHOOK_TOLERANCE_SECONDS", 48 * 3600, 60, 30 * 86_400)
    const webhookFutureToleranceSeconds = integer("RAZORPAY_WEBHOOK_FUTURE_TOLERANCE_SECONDS", 300, 0, 3_600)
    if (keyId === undefined && keySecret === undefined) {
      if (webhookSecrets.length > 0)
        problems.push("RAZORPAY_WEBHOOK_SECRETS is set but RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET are not")
      return undefined
    }
    if (keyId === undefined || keySecret === undefined) {
      problems.push("RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET must be set together")
      return undefined
    }
    if (!/^rzp_(test|live)_[A-Za-z0-9]+$/.test(keyId))
      problems.push("RAZORPAY_KEY_ID must look like rzp_test_… or rzp_live_…")
    if (apiUrl !== undefined && keyId.startsWith("rzp_live_"))
      problems.push("refusing to send a live RAZORPAY_KEY_ID to RAZORPAY_API_URL: unset it for real Razorpay")
    if (webhookSecrets.length === 0)
      problems.push("RAZORPAY_WEBHOOK_SECRETS is required when RAZORPAY_KEY_ID is set (comma-separated)")
    return {
      keyId,
      keySecret,
      webhookSecrets,
      webhookToleranceSeconds,
      webhookFutureToleranceSeconds,
      apiUrl,
      checkoutScriptUrl: script?.toString() ?? DEFAULT_RAZORPAY_CHECKOUT_SCRIPT,
      merchantName
    }
  }
}

/** The gateways a learner is offered, in order. */
export const configuredGateways = (config: GatewayConfig): ReadonlyArray<"stripe" | "razorpay"> => [
  ...(config.stripe ? (["stripe"] as const) : []),
  ...(config.razorpay ? (["razorpay"] as const) : [])
]
