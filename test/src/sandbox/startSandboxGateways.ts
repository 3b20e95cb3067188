import { createHmac } from "node:crypto"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import Stripe from "stripe"
import type { ApiRequest, ApiResponse } from "./http/ApiExchange.ts"
import { readBody, sendHtml, sendJson } from "./http/httpTools.ts"
import { makeIds, seededRandom } from "./http/random.ts"
import { makeRateLimiter } from "./http/rateLimit.ts"
import { razorpayError } from "./razorpay/razorpayApi.ts"
import { makeRazorpaySide } from "./razorpay/razorpaySide.ts"
import type { LostResponseMode, OutageMode, SandboxControls, SandboxGateway } from "./SandboxControls.ts"
import { controlRoutes } from "./sandboxControlApi.ts"
import { stripeError } from "./stripe/stripeObjects.ts"
import { makeStripeSide } from "./stripe/stripeSide.ts"
import { makeWebhookDelivery } from "./webhookDelivery.ts"

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number
  readonly host?: string
  /** Seeds ids and webhook faults, so a run replays. */
  readonly seed?: number
  readonly stripe: {
    readonly secretKey: string
    readonly webhookSecret: string
    readonly webhookUrl?: string | undefined
  }
  readonly razorpay: {
    readonly keyId: string
    readonly keySecret: string
    readonly webhookSecret: string
    readonly webhookUrl?: string | undefined
  }
  /**
   * Requests per second before 429. Stripe documents 100/s for live-mode reads and writes each
   * (25/s in test mode); Razorpay publishes no fixed figure, so 25/s is an assumption to measure against.
   */
  readonly rateLimits?: { readonly stripePerSecond?: number; readonly razorpayPerSecond?: number }
}

export interface SandboxGateways {
  readonly url: string
  readonly controls: SandboxControls
  readonly close: () => Promise<void>
}

const nowSeconds = () => Math.floor(Date.now() / 1000)

/** Local stand-ins for Stripe and Razorpay that speak their wire formats; loopback only. */
export const startSandboxGateways = async (options: SandboxOptions): Promise<SandboxGateways> => {
  const random = seededRandom(options.seed ?? 1)
  const makeId = makeIds(random)
  let origin = ""
  const delivery = makeWebhookDelivery(random, {
    stripe: {
      url: options.stripe.webhookUrl,
      sign: (payload) => ({
        "stripe-signature": Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: options.stripe.webhookSecret
        })
      })
    },
    razorpay: {
      url: options.razorpay.webhookUrl,
      sign: (body, eventId) => ({
        "x-razorpay-signature": createHmac("sha256", options.razorpay.webhookSecret)
          .update(body)
          .digest("hex"),
        "x-razorpay-event-id": eventId
      })
    }
  })
  const stripe = makeStripeSide({
    makeId,
    nowSeconds,
    secretKey: options.stripe.secretKey,
    origin: () => origin,
    delivery
  })
  const razorpay = makeRazorpaySide({ makeId, nowSeconds, ...options.razorpay, delivery })

  const outage: Record<SandboxGateway, OutageMode> = { stripe: "off", razorpay: "off" }
  const calls: Record<SandboxGateway, number> = { stripe: 0, razorpay: 0 }
  const losing: Record<SandboxGateway, { count: number; mode: LostResponseMode }> = {
    stripe: { count: 0, mode: "error" },
    razorpay: { count: 0, mode: "error" }
  }
  const limited: Record<SandboxGateway, number> = { stripe: 0, razorpay: 0 }
  const allow = {
    stripe: makeRateLimiter(options.rateLimits?.stripePerSecond ?? 100),
    razorpay: makeRateLimiter(options.rateLimits?.razorpayPerSecond ?? 25)
  }
  const byRef = (ref: string) =>
    stripe.state.findSession(ref)
      ? stripe.state
      : razorpay.state.findOrder(ref) || razorpay.state.payments.has(ref)
        ? razorpay.state
        : undefined
  const act = <A>(ref: string, onStripe: () => A, onRazorpay: () => A): A => {
    const owner = byRef(ref)
    if (owner === stripe.state) return onStripe()
    if (owner === razorpay.state) return onRazorpay()
    throw new Error(`sandbox: no Stripe session or Razorpay order for ${ref}`)
  }

  const controls: SandboxControls = {
    setOutage: (gateway, mode) => {
      outage[gateway] = mode === true ? "error" : mode === false ? "off" : mode
    },
    setWebhookFaults: delivery.setFaults,
    loseResponses: (gateway, count, mode = "error") => {
      if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number, got ${count}`)
      losing[gateway] = { count, mode }
    },
    holdWebhooks: delivery.hold,
    releaseWebhooks: delivery.release,
    checkoutsFor: (ref) => ({
      stripe: [...stripe.state.sessions.values()]
        .filter((s) => s.id === ref || (s.metadata as Record<string, unknown>).payment_id === ref)
        .map((s) => String(s.id)),
      razorpay: [...razorpay.state.orders.values()]
        .filter((o) => o.id === ref || (o.notes as Record<string, unknown>).payment_id === ref)
        .map((o) => String(o.id))
    }),
    pay: (ref, options) =>
      act(
        ref,
        () => void stripe.state.pay(ref, options?.amountMinor),
        () => {
          if (options?.amountMinor !== undefined)
            throw new Error("the amount override is only implemented for stripe")
          razorpay.state.pay(ref)
        }
      ),
    decline: (ref) =>
      act(
        ref,
        () => void stripe.state.decline(ref),
        () => void razorpay.state.decline(ref)
      ),
    expire: (ref) =>
      act(
        ref,
        () => void stripe.state.expire(ref),
        () => {
          throw new Error("razorpay orders do not expire")
        }
      ),
    refund: (ref) =>
      act(
        ref,
        () => void stripe.state.refund(ref, "requested_by_customer"),
        () => void razorpay.state.refund(ref, null)
      ),
    dispute: (ref, outcome) =>
      act(
        ref,
        () => void stripe.state.dispute(ref, outcome),
        () => void razorpay.state.dispute(ref, outcome)
      ),
    redeliver: delivery.redeliver,
    webhooksSettled: delivery.settled,
    deliveries: () => [...delivery.log],
    apiCalls: (gateway) => (gateway ? calls[gateway] : calls.stripe + calls.razorpay),
    rateLimited: (gateway) => (gateway ? limited[gateway] : limited.stripe + limited.razorpay),
    resetCounters: () => {
      calls.stripe = calls.razorpay = limited.stripe = limited.razorpay = 0
    }
  }

  const api = async (
    gateway: SandboxGateway,
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    query: URLSearchParams
  ) => {
    calls[gateway] += 1
    const mode = outage[gateway]
    if (mode === "refuse") return void request.socket.destroy()
    if (mode === "hang") return
    const down: ApiResponse =
      gateway === "stripe"
        ? stripeError(503, "api_error", "Sandbox outage: the API is unavailable.")
        : razorpayError(503, "Sandbox outage: the API is unavailable.")
    if (mode === "error") return sendJson(response, down.status, down.body)
    const bucket = gateway === "stripe" ? (request.method === "GET" ? "read" : "write") : "all"
    if (!allow[gateway](bucket)) {
      limited[gateway] += 1
      const tooMany =
        gateway === "stripe"
          ? stripeError(
              429,
              "invalid_request_error",
              "Too many requests hit the API too quickly.",
              "rate_limit"
            )
          : razorpayError(429, "Too many requests")
      return sendJson(response, tooMany.status, tooMany.body)
    }
    const exchange: ApiRequest = {
      method: request.method ?? "GET",
      path,
      query,
      body: await readBody(request),
      headers: request.headers
    }
    const answer = gateway === "stripe" ? stripe.api(exchange) : razorpay.api(exchange)
    const lost = losing[gateway]
    if (exchange.method === "POST" && lost.count > 0) {
      // The write above is committed; only its answer goes missing, as when a gateway times out late.
      lost.count -= 1
      if (lost.mode === "drop") return void request.socket.destroy()
      const failed =
        gateway === "stripe"
          ? stripeError(500, "api_error", "Sandbox: answer lost.")
          : razorpayError(500, "Sandbox: answer lost.")
      return sendJson(response, failed.status, failed.body)
    }
    sendJson(
      response,
      answer.status,
      answer.body,
      gateway === "stripe" ? { "request-id": makeId("req_") } : {}
    )
  }

  const control = controlRoutes(controls)
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://sandbox")
    const path = url.pathname
    const run = async () => {
      if (path === "/healthz") return sendJson(response, 200, { status: "ok" })
      if (path.startsWith("/v1/")) return api("stripe", request, response, path, url.searchParams)
      if (path.startsWith("/razorpay/v1/"))
        return api("razorpay", request, response, path.slice("/razorpay".length), url.searchParams)
      if (path.startsWith("/__sandbox/")) return control(request, response, path.slice("/__sandbox".length))
      if (path.startsWith("/stripe/checkout/"))
        return stripe.page(request, response, path.slice("/stripe/checkout/".length))
      if (path === "/razorpay/checkout.js") return razorpay.script(response, origin)
      if (path.startsWith("/razorpay/checkout/"))
        return razorpay.page(request, response, path.slice("/razorpay/checkout/".length), url.searchParams)
      sendJson(response, 404, { error: "not found" })
    }
    run().catch((error: unknown) => {
      if (!response.headersSent)
        sendHtml(
          response,
          400,
          `<p id="sandbox-error">${String(error instanceof Error ? error.message : error).replace(/</g, "&lt;")}</p>`
        )
      else response.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve)
  })
  const address = server.address() as AddressInfo
  origin = `http://${options.host ?? "127.0.0.1"}:${address.port}`
  return {
    url: origin,
    controls,
    close: async () => {
      delivery.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
