import { eventIdFrom, hmacHexMatches } from "../shared/values.ts"
import { rejected, type WebhookVerdict } from "../shared/webhookVerdict.ts"
import { normalizeRazorpayEvent } from "./razorpayEvents.ts"

export interface RazorpayWebhookInput {
  readonly rawBody: Buffer
  readonly signatureHeader: string | undefined
  readonly eventIdHeader: string | undefined
  readonly secrets: ReadonlyArray<string>
  readonly toleranceSeconds: number
  readonly futureToleranceSeconds: number
  readonly now: Date
}

/**
 * Verifies `X-Razorpay-Signature`: hex HMAC-SHA256 of the raw body with the webhook secret, compared
 * in constant time (the SDK's helper uses `===`), against each accepted secret. The event id comes
 * from `X-Razorpay-Event-Id`, the documented key for de-duplicating redeliveries.
 */
export const verifyRazorpayWebhook = (input: RazorpayWebhookInput): WebhookVerdict => {
  const signature = input.signatureHeader?.trim()
  if (signature === undefined || signature === "")
    return rejected("missing_signature", "no X-Razorpay-Signature header")
  if (!/^[0-9a-f]{64}$/i.test(signature))
    return rejected("malformed_signature", "X-Razorpay-Signature must be 64 hex characters")
  // Every secret is tried, so the time taken does not tell which one matched.
  const matches = input.secrets.map((secret) => hmacHexMatches(input.rawBody, secret, signature))
  if (!matches.includes(true)) return rejected("signature_mismatch", "no accepted secret signed this body")

  const eventId = eventIdFrom(input.eventIdHeader?.trim())
  if (eventId === undefined) return rejected("missing_event_id", "no valid X-Razorpay-Event-Id header")
  let body: unknown
  try {
    body = JSON.parse(input.rawBody.toString("utf8"))
  } catch {
    return rejected("malformed_payload", "body is not JSON")
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return rejected("malformed_payload", "body is not a Razorpay event object")
  const fields = body as Record<string, unknown>
  if (fields.entity !== "event" || typeof fields.event !== "string")
    return rejected("malformed_payload", "body is not a Razorpay event (entity/event missing)")
  if (typeof fields.created_at !== "number" || !Number.isFinite(fields.created_at))
    return rejected("malformed_payload", "event has no numeric created_at")
  // The signature has no timestamp of its own: the signed body's created_at bounds a replay.
  const age = Math.floor(input.now.getTime() / 1000) - fields.created_at
  if (age > input.toleranceSeconds)
    return rejected("stale_timestamp", `event created more than ${input.toleranceSeconds} s ago`)
  if (-age > input.futureToleranceSeconds)
    return rejected("future_timestamp", `event created more than ${input.futureToleranceSeconds} s ahead`)
  return {
    _tag: "Verified",
    eventId,
    gatewayType: fields.event,
    event: normalizeRazorpayEvent(eventId, body)
  }
}
