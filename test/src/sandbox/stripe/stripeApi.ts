import { type ApiRequest, type ApiResponse, header, routeId } from "../http/ApiExchange.ts"
import { type FormObject, list, parseStripeForm, record, text } from "../http/formEncoding.ts"
import type { MakeId } from "../http/random.ts"
import { expandPaths, missing, type StripeObject, stripeError } from "./stripeObjects.ts"
import type { StripeState } from "./stripeState.ts"

export interface StripeApiDeps {
  readonly state: StripeState
  readonly makeId: MakeId
  readonly secretKey: string
  readonly nowSeconds: () => number
  readonly checkoutUrl: (sessionId: string) => string
}

const ok = (body: unknown): ApiResponse => ({ status: 200, body })
const expansions = (params: FormObject) =>
  list(params.expand).filter((p): p is string => typeof p === "string")
const metadataOf = (value: FormObject[string] | undefined) =>
  Object.fromEntries(Object.entries(record(value)).filter(([, v]) => typeof v === "string"))

/** The Checkout Sessions, Payment Intents, Refunds and Disputes endpoints the `stripe` SDK calls. */
export const makeStripeApi = ({ state, makeId, secretKey, nowSeconds, checkoutUrl }: StripeApiDeps) => {
  // Stripe replays the first answer for a key, and refuses the key with different parameters.
  const idempotent = new Map<string, { readonly params: string; readonly response: ApiResponse }>()
  const expandOne = (object: StripeObject, params: FormObject) =>
    expandPaths(object, expansions(params), state.resolve)

  const createSession = (params: FormObject): ApiResponse => {
    const items = list(params.line_items).map(record)
    const mode = text(params.mode)
    if (mode !== "payment")
      return stripeError(
        400,
        "invalid_request_error",
        "mode must be payment",
        "parameter_invalid_empty",
        "mode"
      )
    if (items.length === 0)
      return stripeError(
        400,
        "invalid_request_error",
        "Missing required param: line_items.",
        "parameter_missing",
        "line_items"
      )
    let amount = 0
    let currency: string | undefined
    for (const item of items) {
      const price = record(item.price_data)
      const unit = Number(text(price.unit_amount))
      const quantity = Number(text(item.quantity) ?? "1")
      if (!Number.isInteger(unit) || unit <= 0 || !Number.isInteger(quantity))
        return stripeError(
          400,
          "invalid_request_error",
          "Invalid integer: unit_amount",
          "parameter_invalid_integer",
          "line_items[0][price_data][unit_amount]"
        )
      amount += unit * quantity
      currency = text(price.currency)
    }
    const id = makeId("cs_test_", 58)
    const created = nowSeconds()
    const session: StripeObject = {
      id,
      object: "checkout.session",
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: text(params.cancel_url) ?? null,
      client_reference_id: text(params.client_reference_id) ?? null,
      created,
      currency: currency ?? "usd",
      customer: null,
      customer_email: text(params.customer_email) ?? null,
      expires_at: created + 24 * 3600,
      livemode: false,
      metadata: metadataOf(params.metadata),
      mode,
      payment_intent: null,
      payment_status: "unpaid",
      status: "open",
      success_url: text(params.success_url) ?? null,
      url: checkoutUrl(id)
    }
    return ok(state.createSession(session, metadataOf(record(params.payment_intent_data).metadata)))
  }

  const listSessions = (params: FormObject): ApiResponse => {
    const created = record(params.created)
    const gte = Number(text(created.gte) ?? "-Infinity")
    const lte = Number(text(created.lte) ?? "Infinity")
    const limit = Math.min(100, Math.max(1, Number(text(params.limit) ?? "10")))
    // Newest first, as Stripe lists; `starting_after` continues after the page's last (oldest) item.
    let all = [...state.sessions.values()]
      .filter((s) => Number(s.created) >= gte && Number(s.created) <= lte)
      .reverse()
    const after = text(params.starting_after)
    if (after !== undefined) all = all.slice(all.findIndex((s) => s.id === after) + 1)
    const page = all.slice(0, limit)
    const data = page.map((s) =>
      expandPaths(
        s,
        expansions(params).map((p) => p.replace(/^data\./, "")),
        state.resolve
      )
    )
    return ok({ object: "list", data, has_more: all.length > limit, url: "/v1/checkout/sessions" })
  }

  const createRefund = (params: FormObject): ApiResponse => {
    const ref = text(params.payment_intent) ?? text(params.charge)
    if (ref === undefined)
      return stripeError(
        400,
        "invalid_request_error",
        "Must provide either payment_intent or charge.",
        "parameter_missing"
      )
    const charge = state.chargeOf(ref)
    if (charge === undefined) return missing("payment_intent", ref)
    if (charge.refunded === true)
      return stripeError(
        400,
        "invalid_request_error",
        `Charge ${String(charge.id)} has already been refunded.`,
        "charge_already_refunded"
      )
    return ok(state.refund(ref, text(params.reason)))
  }

  const route = (request: ApiRequest, params: FormObject): ApiResponse => {
    const { method, path } = request
    if (method === "POST" && path === "/v1/checkout/sessions") return createSession(params)
    if (method === "GET" && path === "/v1/checkout/sessions") return listSessions(params)
    const sessionId = routeId(request, "GET", /^\/v1\/checkout\/sessions\/([^/]+)$/)
    if (sessionId !== undefined) {
      const session = state.sessions.get(sessionId)
      return session ? ok(expandOne(session, params)) : missing("checkout.session", sessionId)
    }
    const expiringId = routeId(request, "POST", /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/)
    if (expiringId !== undefined) {
      const session = state.sessions.get(expiringId)
      return session ? ok(state.expire(String(session.id))) : missing("checkout.session", expiringId)
    }
    const intentId = routeId(request, "GET", /^\/v1\/payment_intents\/([^/]+)$/)
    if (intentId !== undefined) {
      const intent = state.intents.get(intentId)
      return intent ? ok(expandOne(intent, params)) : missing("payment_intent", intentId)
    }
    const chargeId = routeId(request, "GET", /^\/v1\/charges\/([^/]+)$/)
    if (chargeId !== undefined) {
      const charge = state.charges.get(chargeId)
      return charge ? ok(expandOne(charge, params)) : missing("charge", chargeId)
    }
    if (method === "POST" && path === "/v1/refunds") return createRefund(params)
    const refundId = routeId(request, "GET", /^\/v1\/refunds\/([^/]+)$/)
    if (refundId !== undefined) {
      const refund = state.refunds.get(refundId)
      return refund ? ok(refund) : missing("refund", refundId)
    }
    if (method === "GET" && path === "/v1/disputes") {
      const intent = text(params.payment_intent)
      const data = [...state.disputes.values()]
        .filter((d) => intent === undefined || d.payment_intent === intent)
        .reverse()
      const limit = Number(text(params.limit) ?? "10")
      return ok({
        object: "list",
        data: data.slice(0, limit),
        has_more: data.length > limit,
        url: "/v1/disputes"
      })
    }
    return stripeError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`)
  }

  return (request: ApiRequest): ApiResponse => {
    const auth = header(request, "authorization")
    if (auth !== `Bearer ${secretKey}`)
      return stripeError(401, "invalid_request_error", "Invalid API Key provided.", "api_key_invalid")
    const params = parseStripeForm(
      request.method === "GET" ? request.query : new URLSearchParams(request.body)
    )
    const key = header(request, "idempotency-key")
    if (request.method !== "POST" || key === undefined) return route(request, params)
    const fingerprint = `${request.path}?${request.body}`
    const seen = idempotent.get(key)
    if (seen !== undefined)
      return seen.params === fingerprint
        ? seen.response
        : stripeError(
            400,
            "idempotency_error",
            "Keys for idempotent requests can only be used with the same parameters they were first used with."
          )
    const response = route(request, params)
    // Stripe does not store answers to requests that failed validation before running.
    if (response.status < 500) idempotent.set(key, { params: fingerprint, response })
    return response
  }
}
