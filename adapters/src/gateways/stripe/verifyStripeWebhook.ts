import Stripe from "stripe"
import { eventIdFrom } from "../shared/values.ts"
import { rejected, type WebhookVerdict } from "../shared/webhookVerdict.ts"
import { normalizeStripeEvent } from "./stripeEvents.ts"

export interface StripeWebhookInput {
  /** The exact bytes received: the signature covers them, not a re-serialization. */
  readonly rawBody: Buffer
  readonly signatureHeader: string | undefined
  readonly secrets: ReadonlyArray<string>
  readonly toleranceSeconds: number
  readonly futureToleranceSeconds: number
  readonly now: Date
}

// The header's shape, checked before the SDK so "missing" and "malformed" get their own answers.
const headerShape = /^t=\d{1,12}(,[a-z0-9]+=[^,]*)*$/

/**
 * Verifies `Stripe-Signature` with the SDK's `constructEvent` (HMAC-SHA256 over `t.body`, constant-time
 * compare, past tolerance) against each accepted secret, then refuses timestamps from the future,
 * which the SDK accepts.
 */
export const verifyStripeWebhook = (input: StripeWebhookInput): WebhookVerdict => {
  const header = input.signatureHeader?.trim()
  if (header === undefined || header === "")
    return rejected("missing_signature", "no Stripe-Signature header")
  if (!headerShape.test(header) || !/(^|,)v1=[0-9a-f]{64}(,|$)/.test(header))
    return rejected("malformed_signature", "Stripe-Signature must be t=<seconds>,v1=<hex>")
  // The SDK signs against the last `t=`; two of them would let the signed one differ from the one checked.
  const timestamps = [...header.matchAll(/(?:^|,)t=(\d+)/g)]
  if (timestamps.length !== 1)
    return rejected("malformed_signature", "Stripe-Signature must carry exactly one t=<seconds>")
  const timestamp = Number(timestamps[0]?.[1])
  const nowSeconds = Math.floor(input.now.getTime() / 1000)

  let event: Stripe.Event | undefined
  for (const secret of input.secrets) {
    try {
      event = Stripe.webhooks.constructEvent(
        input.rawBody,
        header,
        secret,
        input.toleranceSeconds,
        undefined,
        input.now.getTime()
      )
      break
    } catch (error) {
      if (error instanceof SyntaxError) return rejected("malformed_payload", "body is not JSON")
    }
  }
  // Age from the one parsed timestamp, not from the SDK's error text.
  if (nowSeconds - timestamp > input.toleranceSeconds)
    return rejected("stale_timestamp", `signature older than ${input.toleranceSeconds} s`)
  if (event === undefined) return rejected("signature_mismatch", "no accepted secret signed this body")
  if (timestamp - nowSeconds > input.futureToleranceSeconds)
    return rejected(
      "future_timestamp",
      `signature timestamp more than ${input.futureToleranceSeconds} s ahead`
    )

  const payload: unknown = event
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return rejected("malformed_payload", "body is not a Stripe event object")
  const fields = payload as Record<string, unknown>
  const eventId = eventIdFrom(fields.id)
  if (eventId === undefined || typeof fields.type !== "string")
    return rejected("malformed_payload", "event has no valid id or type")
  return {
    _tag: "Verified",
    eventId,
    gatewayType: fields.type,
    event: normalizeStripeEvent(eventId, payload)
  }
}
