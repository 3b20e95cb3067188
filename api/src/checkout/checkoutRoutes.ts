import { checkoutSignatureValid, type GatewayConfig } from "@certify/adapters/gateways"
import { type Payment, PaymentId, type PaymentStatus, Payments } from "@certify/domain"
import { Effect, Exit, type ManagedRuntime, Option, Schema } from "effect"
import express, { type Request, type Response } from "express"
import type { Logger } from "../observability/logger.ts"
import { readRawBody } from "../webhooks/readRawBody.ts"
import { respondHtml, respondRedirect } from "../webhooks/respond.ts"
import { razorpayCheckoutPage } from "./razorpayCheckoutPage.ts"

/** What the checkout pages read: payments. An `AppRuntime` is one. */
export type CheckoutRuntime = ManagedRuntime.ManagedRuntime<Payments, never>

export interface CheckoutRouteDeps {
  readonly runtime: CheckoutRuntime
  readonly gateways: GatewayConfig
  readonly logger: Logger
}

const CALLBACK_BODY_LIMIT = 16 * 1024
const payable: ReadonlySet<PaymentStatus> = new Set(["created", "pending", "failed"])
const decodePaymentId = Schema.decodeUnknownOption(PaymentId)

const page = (response: Response, status: number, title: string, text: string) =>
  respondHtml(
    response,
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`
  )

/**
 * `GET /checkout/razorpay/:paymentId` opens Razorpay Checkout for the payment's order;
 * `/checkout/razorpay/:paymentId/callback` (Razorpay's redirect-mode POST, or a GET) sends the learner
 * back to the purchase page. A callback never confirms a payment: only a signed webhook or a fetch
 * from Razorpay does. Its checkout signature is checked and logged as a hint, nothing more.
 */
export const checkoutRoutes = (deps: CheckoutRouteDeps): express.Router => {
  const router = express.Router()
  const purchaseUrl = (paymentId: string) =>
    `${deps.gateways.publicBaseUrl}/purchases/${encodeURIComponent(paymentId)}`
  const callbackUrl = (paymentId: string) =>
    `${deps.gateways.publicBaseUrl}/checkout/razorpay/${encodeURIComponent(paymentId)}/callback`

  const findPayment = async (raw: unknown): Promise<Payment | undefined | "unavailable"> => {
    const paymentId = Option.getOrUndefined(decodePaymentId(raw))
    if (paymentId === undefined) return undefined
    const exit = await deps.runtime.runPromiseExit(
      Payments.use((payments) => payments.find(paymentId)).pipe(Effect.map(Option.getOrUndefined)),
      {
        signal: AbortSignal.timeout(5_000)
      }
    )
    return Exit.isSuccess(exit) ? exit.value : "unavailable"
  }

  router.get("/checkout/razorpay/:paymentId", async (request: Request, response: Response) => {
    const settings = deps.gateways.razorpay
    if (settings === undefined)
      return page(response, 404, "Razorpay is not available", "This payment method is not configured.")
    const payment = await findPayment(request.params.paymentId)
    if (payment === "unavailable")
      return page(response, 503, "Try again shortly", "We could not load your payment.")
    if (payment === undefined || payment.gateway !== "razorpay" || payment.checkoutRef === undefined)
      return page(response, 404, "Payment not found", "There is no Razorpay checkout for this payment.")
    if (!payable.has(payment.status)) return respondRedirect(response, purchaseUrl(payment.paymentId))
    const html = razorpayCheckoutPage(payment, payment.checkoutRef, settings, callbackUrl(payment.paymentId))
    respondHtml(response, 200, html, { "cache-control": "no-store" })
  })

  const callback = async (request: Request, response: Response) => {
    const paymentId = String(request.params.paymentId)
    const log = deps.logger.child({ route: "razorpay-callback", paymentId })
    let fields = new URLSearchParams(request.url.split("?")[1] ?? "")
    if (request.method === "POST") {
      try {
        const body = (await readRawBody(request, CALLBACK_BODY_LIMIT)).toString("utf8")
        fields = new URLSearchParams(body)
      } catch {
        fields = new URLSearchParams()
      }
    }
    const razorpayPaymentId = fields.get("razorpay_payment_id")
    const signature = fields.get("razorpay_signature")
    const settings = deps.gateways.razorpay
    if (razorpayPaymentId && signature && settings) {
      const payment = await findPayment(paymentId)
      const storedOrderId = typeof payment === "object" ? payment.checkoutRef : undefined
      const hint =
        storedOrderId !== undefined &&
        checkoutSignatureValid(
          storedOrderId,
          {
            razorpayPaymentId,
            razorpayOrderId: fields.get("razorpay_order_id") ?? "",
            razorpaySignature: signature
          },
          settings.keySecret
        )
      // A hint for the logs only: the payment changes state on Razorpay's signed webhook or a fetch.
      log.info({ razorpayPaymentId, signatureValid: hint }, "razorpay checkout returned")
      return respondRedirect(response, purchaseUrl(paymentId))
    }
    const cancelled = fields.has("error[code]") || fields.has("cancelled")
    log.info({ cancelled, reason: fields.get("error[reason]") ?? undefined }, "razorpay checkout closed")
    respondRedirect(response, `${purchaseUrl(paymentId)}${cancelled ? "?cancelled=1" : ""}`)
  }
  router.post("/checkout/razorpay/:paymentId/callback", callback)
  router.get("/checkout/razorpay/:paymentId/callback", callback)
  return router
}
