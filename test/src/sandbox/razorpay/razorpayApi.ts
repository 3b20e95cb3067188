import { type ApiRequest, type ApiResponse, header, routeId } from "../http/ApiExchange.ts"
import type { RazorpayEntity, RazorpayState } from "./razorpayState.ts"

export interface RazorpayApiDeps {
  readonly state: RazorpayState
  readonly keyId: string
  readonly keySecret: string
}

const ok = (body: unknown): ApiResponse => ({ status: 200, body })
export const razorpayError = (status: number, description: string, field?: string): ApiResponse => ({
  status,
  body: {
    error: {
      code: status === 401 ? "BAD_REQUEST_ERROR" : status >= 500 ? "SERVER_ERROR" : "BAD_REQUEST_ERROR",
      description,
      source: "NA",
      step: "NA",
      reason: "NA",
      metadata: {},
      ...(field ? { field } : {})
    }
  }
})
const notFound = () => razorpayError(400, "The id provided does not exist")
const collection = (items: ReadonlyArray<RazorpayEntity>) => ({
  entity: "collection",
  count: items.length,
  items
})

const parseJson = (body: string): Record<string, unknown> | undefined => {
  if (body.trim() === "") return {}
  try {
    const parsed: unknown = JSON.parse(body)
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** from/to (unix seconds), count (≤ 100) and skip, newest first: Razorpay's collection paging. */
const page = (entities: Iterable<RazorpayEntity>, query: URLSearchParams): ApiResponse => {
  const from = Number(query.get("from") ?? "0")
  const to = Number(query.get("to") ?? String(Number.MAX_SAFE_INTEGER))
  const count = Number(query.get("count") ?? "10")
  const skip = Number(query.get("skip") ?? "0")
  if (!Number.isInteger(count) || count < 1 || count > 100)
    return razorpayError(400, "The count must be between 1 and 100.", "count")
  const receipt = query.get("receipt")
  const items = [...entities]
    .filter((e) => Number(e.created_at) >= from && Number(e.created_at) <= to)
    .filter((e) => receipt === null || e.receipt === receipt)
    .reverse()
    .slice(skip, skip + count)
  return ok(collection(items))
}

/** The Orders, Payments and Refunds endpoints the `razorpay` SDK calls, with Basic auth. */
export const makeRazorpayApi = ({ state, keyId, keySecret }: RazorpayApiDeps) => {
  const expectedAuth = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString("base64")}`
  return (request: ApiRequest): ApiResponse => {
    if (header(request, "authorization") !== expectedAuth) return razorpayError(401, "Authentication failed")
    const { method, path, query } = request
    const body = parseJson(request.body)
    if (body === undefined) return razorpayError(400, "The request body is not valid JSON")
    if (method === "POST" && path === "/v1/orders") {
      const amount = body.amount
      const currency = body.currency
      if (typeof amount !== "number" || !Number.isInteger(amount) || amount < 100)
        return razorpayError(400, "The amount must be atleast INR 1.00", "amount")
      if (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency))
        return razorpayError(400, "The currency is invalid", "currency")
      if (typeof body.receipt === "string" && body.receipt.length > 40)
        return razorpayError(400, "The receipt may not be greater than 40 characters.", "receipt")
      const notes =
        typeof body.notes === "object" && body.notes !== null ? (body.notes as RazorpayEntity) : {}
      return ok(
        state.createOrder({
          amount,
          currency,
          receipt: typeof body.receipt === "string" ? body.receipt : null,
          notes
        })
      )
    }
    if (method === "GET" && path === "/v1/orders") return page(state.orders.values(), query)
    const orderId = routeId(request, "GET", /^\/v1\/orders\/([^/]+)$/)
    if (orderId !== undefined) {
      const order = state.orders.get(orderId)
      return order ? ok(order) : notFound()
    }
    const paymentsOfOrderId = routeId(request, "GET", /^\/v1\/orders\/([^/]+)\/payments$/)
    if (paymentsOfOrderId !== undefined) {
      const order = state.orders.get(paymentsOfOrderId)
      if (order === undefined) return notFound()
      return ok(collection([...state.payments.values()].filter((p) => p.order_id === order.id)))
    }
    if (method === "GET" && path === "/v1/payments") return page(state.payments.values(), query)
    const paymentId = routeId(request, "GET", /^\/v1\/payments\/([^/]+)$/)
    if (paymentId !== undefined) {
      const payment = state.payments.get(paymentId)
      return payment ? ok(payment) : notFound()
    }
    const refundedPaymentId = routeId(request, "POST", /^\/v1\/payments\/([^/]+)\/refund$/)
    if (refundedPaymentId !== undefined) {
      const payment = state.payments.get(refundedPaymentId)
      if (payment === undefined) return notFound()
      if (payment.captured !== true) return razorpayError(400, "The payment has not been captured")
      const idempotencyKey = header(request, "x-refund-idempotency") ?? null
      const earlier = idempotencyKey === null ? undefined : state.refundByKey(idempotencyKey)
      if (earlier !== undefined && earlier.payment_id !== payment.id)
        return razorpayError(400, "The idempotency key was already used for a different request")
      const receipt = typeof body.receipt === "string" ? body.receipt : null
      const refund = state.refund(String(payment.id), idempotencyKey, receipt)
      return refund ? ok(refund) : razorpayError(400, "The payment has been fully refunded already")
    }
    return razorpayError(404, "The requested URL was not found on the server.")
  }
}
