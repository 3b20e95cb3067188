import Stripe from "stripe"
import { describe, expect, it } from "vitest"
import { stripeEvent, stripeSession } from "../fixtures/documentedEvents.ts"
import { verifyStripeWebhook } from "./verifyStripeWebhook.ts"

const secret = "whsec_current_secret"
const previous = "whsec_previous_secret"
const now = new Date()
const seconds = Math.floor(now.getTime() / 1000)
const body = JSON.stringify(stripeEvent("checkout.session.completed", stripeSession("pay-1")), null, 2)
const sign = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? secret,
    timestamp: options.timestamp ?? seconds
  })
const verify = (signatureHeader: string | undefined, raw = body, secrets = [secret, previous]) =>
  verifyStripeWebhook({
    rawBody: Buffer.from(raw),
    signatureHeader,
    secrets,
    toleranceSeconds: 300,
    futureToleranceSeconds: 60,
    now
  })

describe("Stripe-Signature verification", () => {
  it("accepts the SDK's own signature over the raw body and normalizes the event", () => {
    const verdict = verify(sign(body))
    expect(verdict).toMatchObject({
      _tag: "Verified",
      eventId: "evt_1NG8Du2eZvKYlo2CUI79vXWy",
      gatewayType: "checkout.session.completed"
    })
    if (verdict._tag === "Verified") expect(verdict.event?.kind).toBe("payment_succeeded")
  })

  it("accepts a signature by the previous secret while rotating, and a header with several v1 entries", () => {
    expect(verify(sign(body, { secret: previous }))._tag).toBe("Verified")
    const other = sign(body, { secret: "whsec_someone_else" }).split(",")[1]
    expect(verify(`${sign(body)},${other}`)._tag).toBe("Verified")
  })

  it.each([
    ["a missing header", undefined, body, "missing_signature"],
    ["an empty header", "", body, "missing_signature"],
    ["a malformed header", "v1=abc,t=notatime", body, "malformed_signature"],
    ["a header without v1", `t=${seconds},v0=${"a".repeat(64)}`, body, "malformed_signature"],
    ["a wrong secret", sign(body, { secret: "whsec_wrong" }), body, "signature_mismatch"],
    ["a modified body", sign(body), body.replace("4900", "1"), "signature_mismatch"],
    ["a valid signature of a different body", sign("{}"), body, "signature_mismatch"],
    ["an expired timestamp", sign(body, { timestamp: seconds - 301 }), body, "stale_timestamp"],
    ["a timestamp from the future", sign(body, { timestamp: seconds + 120 }), body, "future_timestamp"],
    // The SDK checks the last t=, a reader of the first would see "now" and pass the future one.
    [
      "two timestamps, the signed one from the future",
      `t=${seconds},${sign(body, { timestamp: seconds + 3600 })}`,
      body,
      "malformed_signature"
    ],
    ["two timestamps, both the signed one", `${sign(body)},t=${seconds}`, body, "malformed_signature"],
    [
      "an expired timestamp under a signature by no accepted secret",
      sign(body, { secret: "whsec_wrong", timestamp: seconds - 301 }),
      body,
      "stale_timestamp"
    ],
    ["a signed body that is not JSON", sign("not json"), "not json", "malformed_payload"],
    ["a signed event without an id", sign('{"type":"x"}'), '{"type":"x"}', "malformed_payload"]
  ])("refuses %s", (_, header, raw, reason) => {
    expect(verify(header, raw)).toMatchObject({ _tag: "Rejected", reason })
  })

  it("refuses everything when no secret is configured", () => {
    expect(verify(sign(body), body, [])).toMatchObject({ _tag: "Rejected", reason: "signature_mismatch" })
  })
})
