import fc from "fast-check"
import type { RawRequest, WireRequest } from "./sendRequests.ts"
import {
  razorpayEventBody,
  razorpaySignature,
  stripeEventBody,
  stripeSignatureHeader
} from "./webhookSigning.ts"

/** The corpus's vocabulary: request shapes, limits, and a correctly signed event to spoil. */
export type Gateway = "stripe" | "razorpay"

export type HostileCategory =
  | "random bytes"
  | "truncated JSON"
  | "signed non-event JSON"
  | "wrong signature"
  | "stale or future timestamp"
  | "replayed delivery"
  | "huge body"
  | "wrong content type"
  | "header injection"
  | "missing or duplicated signature headers"

export interface HostileRequest {
  readonly category: HostileCategory
  readonly gateway: Gateway
  readonly request: WireRequest | RawRequest
  /** 200 (an accepted duplicate) only for replays of a stored delivery; a 4xx for everything else. */
  readonly expect: "4xx" | "duplicate"
}

/** A delivery the API already stored: replaying it byte for byte must be a no-op. */
export interface StoredDelivery {
  readonly gateway: Gateway
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}

export interface CorpusContext {
  readonly stripeSecret: string
  readonly razorpaySecret: string
  /** Unix seconds at generation; the tolerances are 300 s (Stripe) and 48 h (Razorpay). */
  readonly now: number
  readonly stored: ReadonlyArray<StoredDelivery>
}

export const STRIPE_TYPES = [
  "checkout.session.completed",
  "payment_intent.succeeded",
  "charge.refunded",
  "customer.created"
]
export const RAZORPAY_TYPES = ["payment.captured", "order.paid", "refund.processed", "payment.failed"]
export const BODY_LIMIT = 256 * 1024
export const LEGAL_HEADER = /^[\t\x20-\x7e]*$/
export const ID = /^[A-Za-z0-9_-]{1,80}$/

// Written as text: an object literal with `__proto__` would set a prototype, not send the key.
export const POLLUTION = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"id":"evt_proto","__proto__":{"type":"charge.refunded"},"data":{"__proto__":{"object":{}}}',
  '{"entity":"event","event":"payment.captured","__proto__":{"created_at":1}}'
]
/** Shared, so a few hundred huge bodies cost a few megabytes: each request sends a prefix of one of these. */
export const HUGE = {
  " ": Buffer.alloc(BODY_LIMIT + 1_200_000, " "),
  A: Buffer.alloc(BODY_LIMIT + 1_200_000, "A"),
  "{": Buffer.alloc(BODY_LIMIT + 1_200_000, "{")
}

export const pathOf = (gateway: Gateway) => `/webhooks/${gateway}`
export const wire = (
  gateway: Gateway,
  headers: WireRequest["headers"],
  body: Buffer | string,
  chunked = false
): WireRequest => ({
  method: "POST",
  path: pathOf(gateway),
  headers,
  body: typeof body === "string" ? Buffer.from(body) : body,
  ...(chunked ? { chunked } : {})
})
export const json = { "content-type": "application/json" }

export const gatewayArb = fc.constantFrom<Gateway>("stripe", "razorpay")
export const eventIdArb = fc.stringMatching(/^evt_[A-Za-z0-9]{8,24}$/)
export const hexArb = fc.stringMatching(/^[0-9a-f]{64}$/)
export const legalText = (maxLength: number) =>
  fc.string({ maxLength, unit: "binary-ascii" }).filter((s) => LEGAL_HEADER.test(s))
/** A header value no verifier may accept: anything but a well-formed id. */
export const badEventIdArb = fc
  .oneof(
    legalText(120),
    fc.constantFrom("", " ", "../../etc/passwd", "$where", "a".repeat(81), "id with spaces")
  )
  .filter((s) => !ID.test(s.trim()))

/** A well-formed, fresh event body for the gateway (fine on its own: every case below spoils it). */
export const eventBody = (context: CorpusContext, gateway: Gateway) =>
  gateway === "stripe"
    ? fc
        .tuple(eventIdArb, fc.constantFrom(...STRIPE_TYPES))
        .map(([id, type]) => stripeEventBody(id, type, context.now))
    : fc.constantFrom(...RAZORPAY_TYPES).map((type) => razorpayEventBody(type, context.now))

/** Headers that sign `body` correctly with the real secret (the signature alone would pass). */
export const validlySigned = (
  context: CorpusContext,
  gateway: Gateway,
  body: Buffer | string,
  timestamp = context.now
) =>
  gateway === "stripe"
    ? { "stripe-signature": stripeSignatureHeader(context.stripeSecret, timestamp, body) }
    : {
        "x-razorpay-signature": razorpaySignature(context.razorpaySecret, body),
        "x-razorpay-event-id": `Ev${timestamp}x`
      }
