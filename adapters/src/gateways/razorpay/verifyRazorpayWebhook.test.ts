import { createHmac } from "node:crypto"
import { describe, expect, it } from "vitest"
import { razorpayEvent, razorpayPayment } from "../fixtures/documentedEvents.ts"
import { verifyRazorpayWebhook } from "./verifyRazorpayWebhook.ts"

const secret = "webhook_current"
const previous = "webhook_previous"
const now = new Date()
const seconds = Math.floor(now.getTime() / 1000)
const event = (createdAt = seconds) =>
  JSON.stringify(
    razorpayEvent("payment.captured", { payment: razorpayPayment("pay-1") }, { created_at: createdAt })
  )
const body = event()
const sign = (raw: string, key = secret) => createHmac("sha256", key).update(raw).digest("hex")
// `null`: no event id header at all.
const verify = (
  signatureHeader: string | undefined,
  raw = body,
  eventIdHeader: string | null = "KBEqH2dC1JzYTw"
) =>
  verifyRazorpayWebhook({
    rawBody: Buffer.from(raw),
    signatureHeader,
    eventIdHeader: eventIdHeader ?? undefined,
    secrets: [secret, previous],
    toleranceSeconds: 3600,
    futureToleranceSeconds: 300,
    now
  })

describe("X-Razorpay-Signature verification", () => {
  it("accepts the hex HMAC-SHA256 of the raw body, keyed by the event id header", () => {
    const verdict = verify(sign(body))
    expect(verdict).toMatchObject({
      _tag: "Verified",
      eventId: "KBEqH2dC1JzYTw",
      gatewayType: "payment.captured"
    })
    if (verdict._tag === "Verified") expect(verdict.event?.kind).toBe("payment_succeeded")
  })

  it("accepts the previous secret while rotating", () => {
    expect(verify(sign(body, previous))._tag).toBe("Verified")
  })

  it.each([
    ["a missing signature", undefined, body, "KBEqH2dC1JzYTw", "missing_signature"],
    ["a malformed signature", "zz", body, "KBEqH2dC1JzYTw", "malformed_signature"],
    ["a forged signature", sign(body, "guessed"), body, "KBEqH2dC1JzYTw", "signature_mismatch"],
    ["a modified body", sign(body), body.replace("99900", "100"), "KBEqH2dC1JzYTw", "signature_mismatch"],
    ["a missing event id", sign(body), body, null, "missing_event_id"],
    ["an event id with unsafe characters", sign(body), body, "../../x", "missing_event_id"],
    [
      "a stale event (replayed old capture)",
      sign(event(seconds - 7200)),
      event(seconds - 7200),
      "KBEqH2dC1JzYTw",
      "stale_timestamp"
    ],
    [
      "an event from the future",
      sign(event(seconds + 900)),
      event(seconds + 900),
      "KBEqH2dC1JzYTw",
      "future_timestamp"
    ],
    ["a signed body that is not JSON", sign("nope"), "nope", "KBEqH2dC1JzYTw", "malformed_payload"],
    [
      "a signed body that is not an event",
      sign('{"entity":"payment"}'),
      '{"entity":"payment"}',
      "KBEqH2dC1JzYTw",
      "malformed_payload"
    ]
  ])("refuses %s", (_, header, raw, eventIdHeader, reason) => {
    expect(verify(header, raw, eventIdHeader)).toMatchObject({ _tag: "Rejected", reason })
  })
})
