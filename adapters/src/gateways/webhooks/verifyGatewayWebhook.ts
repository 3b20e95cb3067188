import type { Gateway } from "@certify/domain"
import type { GatewayConfig } from "../config/GatewayConfig.ts"
import { verifyRazorpayWebhook } from "../razorpay/verifyRazorpayWebhook.ts"
import { rejected, type WebhookVerdict } from "../shared/webhookVerdict.ts"
import { verifyStripeWebhook } from "../stripe/verifyStripeWebhook.ts"

/** Node's lower-cased request headers. */
export type IncomingHeaders = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

// A repeated signature header is ambiguous; refusing it is safer than picking one.
const single = (value: string | ReadonlyArray<string> | undefined): string | undefined =>
  typeof value === "string" ? value : value?.length === 1 ? value[0] : value === undefined ? undefined : ""

/** One delivery checked with the gateway's own scheme and the configured secrets and tolerances. */
export const verifyGatewayWebhook = (
  config: GatewayConfig,
  gateway: Gateway,
  rawBody: Buffer,
  headers: IncomingHeaders,
  now: Date
): WebhookVerdict => {
  switch (gateway) {
    case "stripe": {
      const settings = config.stripe
      if (settings === undefined) return rejected("gateway_not_configured", "stripe is not configured")
      return verifyStripeWebhook({
        rawBody,
        signatureHeader: single(headers["stripe-signature"]),
        secrets: settings.webhookSecrets,
        toleranceSeconds: settings.webhookToleranceSeconds,
        futureToleranceSeconds: settings.webhookFutureToleranceSeconds,
        now
      })
    }
    case "razorpay": {
      const settings = config.razorpay
      if (settings === undefined) return rejected("gateway_not_configured", "razorpay is not configured")
      return verifyRazorpayWebhook({
        rawBody,
        signatureHeader: single(headers["x-razorpay-signature"]),
        eventIdHeader: single(headers["x-razorpay-event-id"]),
        secrets: settings.webhookSecrets,
        toleranceSeconds: settings.webhookToleranceSeconds,
        futureToleranceSeconds: settings.webhookFutureToleranceSeconds,
        now
      })
    }
  }
}

/** The headers worth keeping with the stored body: the signature and the gateway's delivery metadata. */
export const keptHeaders = (headers: IncomingHeaders): Record<string, string> => {
  const kept: Record<string, string> = {}
  for (const name of [
    "stripe-signature",
    "x-razorpay-signature",
    "x-razorpay-event-id",
    "content-type",
    "user-agent"
  ]) {
    const value = single(headers[name])
    if (value !== undefined) kept[name] = value
  }
  return kept
}
