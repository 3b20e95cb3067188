import Razorpay from "razorpay"
import type { FailureClassifier } from "../resilience/gatewayPolicy.ts"
import { isRecord } from "../shared/values.ts"

/** The part of the SDK's axios instance we configure (the SDK has no base-URL or timeout option). */
interface AxiosInstanceLike {
  readonly defaults: { baseURL?: string; timeout?: number }
  readonly post: (
    url: string,
    data: unknown,
    config: { readonly headers: Readonly<Record<string, string>> }
  ) => Promise<{ readonly data: unknown }>
  readonly interceptors: {
    readonly response: {
      use: (onOk: (response: unknown) => unknown, onError: (error: unknown) => unknown) => number
    }
  }
}

/** How the SDK rejects: `{ statusCode, error: { code, description, … } }`, a plain object. */
export interface RazorpayFailure {
  readonly statusCode: number
  readonly error: { readonly code?: string; readonly description?: string; readonly reason?: string }
}

export interface RazorpayClientOptions {
  readonly keyId: string
  readonly keySecret: string
  /** Unset: api.razorpay.com. */
  readonly apiUrl: URL | undefined
  readonly timeoutMs: number
}

export interface RazorpayClient {
  readonly sdk: Razorpay
  /**
   * A full refund of one payment under Razorpay's `X-Refund-Idempotency` header: the same key gets the
   * same refund back. The SDK's `payments.refund` cannot send headers, so this goes through its HTTP client.
   */
  readonly refundPayment: (
    razorpayPaymentId: string,
    idempotencyKey: string,
    body: Readonly<Record<string, unknown>>
  ) => Promise<unknown>
}

export const REFUND_IDEMPOTENCY_HEADER = "X-Refund-Idempotency"

const NETWORK_ERROR = "NETWORK_ERROR"

/**
 * The one place the SDK's HTTP client is touched: its axios instance gets our base URL and timeout,
 * and a rejection without a response (timeout, refused connection) is given one, because the SDK's
 * error normalizer reads `error.response.status` and would otherwise throw a TypeError instead.
 */
export const makeRazorpayClient = (options: RazorpayClientOptions): RazorpayClient => {
  const sdk = new Razorpay({ key_id: options.keyId, key_secret: options.keySecret })
  const http = (sdk.api as unknown as { rq: AxiosInstanceLike }).rq
  if (options.apiUrl !== undefined) http.defaults.baseURL = options.apiUrl.toString().replace(/\/+$/, "")
  http.defaults.timeout = options.timeoutMs
  http.interceptors.response.use(
    (response) => response,
    (error) => {
      if (isRecord(error) && !isRecord(error.response)) {
        const code = typeof error.code === "string" ? error.code : NETWORK_ERROR
        const message = typeof error.message === "string" ? error.message : "no response"
        error.response = {
          status: 0,
          data: { error: { code: NETWORK_ERROR, description: `${code}: ${message}` } }
        }
      }
      return Promise.reject(error)
    }
  )
  const refundPayment: RazorpayClient["refundPayment"] = (razorpayPaymentId, idempotencyKey, body) =>
    http
      .post(`/v1/payments/${encodeURIComponent(razorpayPaymentId)}/refund`, body, {
        headers: { [REFUND_IDEMPOTENCY_HEADER]: idempotencyKey }
      })
      .then((response) => response.data, rejectLikeTheSdk)
  return { sdk, refundPayment }
}

/** The SDK's own error normalization, so one classifier serves SDK calls and ours. */
const rejectLikeTheSdk = (error: unknown): never => {
  const response = isRecord(error) && isRecord(error.response) ? error.response : {}
  const data = isRecord(response.data) ? response.data : {}
  throw {
    statusCode: typeof response.status === "number" ? response.status : 0,
    error: isRecord(data.error) ? data.error : { code: NETWORK_ERROR, description: "no response" }
  }
}

export const asRazorpayFailure = (error: unknown): RazorpayFailure | undefined =>
  isRecord(error) && typeof error.statusCode === "number" && isRecord(error.error)
    ? (error as unknown as RazorpayFailure)
    : undefined

export const razorpayFailures: FailureClassifier = {
  isTransient: (error) => {
    const failure = asRazorpayFailure(error)
    if (failure === undefined) return false
    return (
      failure.statusCode === 0 ||
      failure.statusCode >= 500 ||
      failure.statusCode === 429 ||
      failure.statusCode === 409
    )
  },
  describe: (error) => {
    const failure = asRazorpayFailure(error)
    if (failure === undefined) return error instanceof Error ? error.message : String(error)
    const status = failure.statusCode === 0 ? "no response" : `HTTP ${failure.statusCode}`
    return `razorpay ${failure.error.code ?? "error"} (${status}): ${failure.error.description ?? ""}`.trim()
  }
}

/** Razorpay's answer for an id it does not know (a 400, not a 404). */
export const isRazorpayMissing = (error: unknown) => {
  const failure = asRazorpayFailure(error)
  return (
    failure !== undefined &&
    (failure.statusCode === 404 || /does not exist/i.test(failure.error.description ?? ""))
  )
}

export const isRazorpayAlreadyRefunded = (error: unknown) =>
  /fully refunded/i.test(asRazorpayFailure(error)?.error.description ?? "")
