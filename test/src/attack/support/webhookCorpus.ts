import fc from "fast-check"
import type { RawRequest, WireRequest } from "./sendRequests.ts"
import {
  razorpayEventBody,
  razorpaySignature,
  stripeEventBody,
  stripeSignatureHeader
} from "./webhookSigning.ts"

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

const STRIPE_TYPES = [
  "checkout.session.completed",
  "payment_intent.succeeded",
  "charge.refunded",
  "customer.created"
]
const RAZORPAY_TYPES = ["payment.captured", "order.paid", "refund.processed", "payment.failed"]
const BODY_LIMIT = 256 * 1024
const LEGAL_HEADER = /^[\t\x20-\x7e]*$/
const ID = /^[A-Za-z0-9_-]{1,80}$/

// Written as text: an object literal with `__proto__` would set a prototype, not send the key.
const POLLUTION = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"id":"evt_proto","__proto__":{"type":"charge.refunded"},"data":{"__proto__":{"object":{}}}',
  '{"entity":"event","event":"payment.captured","__proto__":{"created_at":1}}'
]
/** Shared, so a few hundred huge bodies cost a few megabytes: each request sends a prefix of one of these. */
const HUGE = {
  " ": Buffer.alloc(BODY_LIMIT + 1_200_000, " "),
  A: Buffer.alloc(BODY_LIMIT + 1_200_000, "A"),
  "{": Buffer.alloc(BODY_LIMIT + 1_200_000, "{")
}

const pathOf = (gateway: Gateway) => `/webhooks/${gateway}`
const wire = (
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
const json = { "content-type": "application/json" }

const gatewayArb = fc.constantFrom<Gateway>("stripe", "razorpay")
const eventIdArb = fc.stringMatching(/^evt_[A-Za-z0-9]{8,24}$/)
const hexArb = fc.stringMatching(/^[0-9a-f]{64}$/)
const legalText = (maxLength: number) =>
  fc.string({ maxLength, unit: "binary-ascii" }).filter((s) => LEGAL_HEADER.test(s))
/** A header value no verifier may accept: anything but a well-formed id. */
const badEventIdArb = fc
  .oneof(
    legalText(120),
    fc.constantFrom("", " ", "../../etc/passwd", "$where", "a".repeat(81), "id with spaces")
  )
  .filter((s) => !ID.test(s.trim()))

/** A well-formed, fresh event body for the gateway (fine on its own: every case below spoils it). */
const eventBody = (context: CorpusContext, gateway: Gateway) =>
  gateway === "stripe"
    ? fc
        .tuple(eventIdArb, fc.constantFrom(...STRIPE_TYPES))
        .map(([id, type]) => stripeEventBody(id, type, context.now))
    : fc.constantFrom(...RAZORPAY_TYPES).map((type) => razorpayEventBody(type, context.now))

/** Headers that sign `body` correctly with the real secret (the signature alone would pass). */
const validlySigned = (
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

const randomBytes = (context: CorpusContext) =>
  fc
    .record({
      gateway: gatewayArb,
      body: fc.uint8Array({ maxLength: 4096 }),
      signed: fc.boolean(),
      signature: legalText(200)
    })
    .map(({ gateway, body, signed, signature }): HostileRequest => {
      const bytes = Buffer.from(body)
      const headers = signed
        ? validlySigned(context, gateway, bytes)
        : { [gateway === "stripe" ? "stripe-signature" : "x-razorpay-signature"]: signature }
      return {
        category: "random bytes",
        gateway,
        expect: "4xx",
        request: wire(gateway, { ...json, ...headers }, bytes)
      }
    })

const truncatedJson = (context: CorpusContext) =>
  gatewayArb.chain((gateway) =>
    fc
      .record({
        body: eventBody(context, gateway),
        cut: fc.double({ min: 0, max: 0.9999, noNaN: true }),
        signed: fc.boolean()
      })
      .map(({ body, cut, signed }): HostileRequest => {
        const truncated = body.slice(0, Math.floor(body.length * cut))
        const headers = signed
          ? validlySigned(context, gateway, truncated)
          : validlySigned(
              { ...context, stripeSecret: "whsec_wrong", razorpaySecret: "wrong" },
              gateway,
              truncated
            )
        return {
          category: "truncated JSON",
          gateway,
          expect: "4xx",
          request: wire(gateway, { ...json, ...headers }, truncated)
        }
      })
  )

/** Correctly signed JSON that is not an event of the gateway: only the payload check stands in the way. */
const signedNonEvent = (context: CorpusContext) =>
  fc
    .record({
      gateway: gatewayArb,
      value: fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom(
          {},
          [],
          null,
          { id: "evt bad id", type: "x" },
          { id: "evt_ok" },
          { entity: "event", event: "payment.captured" }
        )
      ),
      pollution: fc.option(fc.constantFrom(...POLLUTION), { freq: 4 })
    })
    .filter(({ value }) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return true
      const fields = value as Record<string, unknown>
      return (
        !(typeof fields.id === "string" && ID.test(fields.id) && typeof fields.type === "string") &&
        !(
          fields.entity === "event" &&
          typeof fields.event === "string" &&
          typeof fields.created_at === "number"
        )
      )
    })
    .map(({ gateway, value, pollution }): HostileRequest => {
      const body = pollution ?? JSON.stringify(value) ?? "null"
      const headers = validlySigned(context, gateway, body)
      return {
        category: "signed non-event JSON",
        gateway,
        expect: "4xx",
        request: wire(gateway, { ...json, ...headers }, body)
      }
    })

const wrongSignature = (context: CorpusContext) =>
  gatewayArb.chain((gateway) =>
    fc
      .record({
        body: eventBody(context, gateway),
        other: eventBody(context, gateway),
        how: fc.constantFrom("wrong secret", "other body", "random hex", "flipped byte", "uppercase v0 only"),
        secret: fc.string({ minLength: 1, maxLength: 40 }),
        hex: hexArb,
        at: fc.nat()
      })
      .map(({ body, other, how, secret, hex, at }): HostileRequest => {
        let sent = Buffer.from(body)
        let headers: Record<string, string>
        if (how === "wrong secret")
          headers = validlySigned(
            { ...context, stripeSecret: `whsec_${secret}`, razorpaySecret: secret },
            gateway,
            body
          )
        else if (how === "other body")
          headers = validlySigned(context, gateway, other === body ? `${other} ` : other)
        else if (how === "flipped byte") {
          headers = validlySigned(context, gateway, body)
          sent = Buffer.from(body)
          const index = at % sent.length
          sent[index] = (sent[index] ?? 0) ^ 0x01
        } else if (how === "uppercase v0 only")
          headers =
            gateway === "stripe"
              ? { "stripe-signature": `t=${context.now},v0=${hex}` }
              : { "x-razorpay-signature": hex.toUpperCase().replace(/^./, "G") }
        else
          headers =
            gateway === "stripe"
              ? { "stripe-signature": `t=${context.now},v1=${hex}` }
              : { "x-razorpay-signature": hex, "x-razorpay-event-id": `Ev${at}` }
        return {
          category: "wrong signature",
          gateway,
          expect: "4xx",
          request: wire(gateway, { ...json, ...headers }, sent)
        }
      })
  )

/** Correct signatures, outside the accepted time window (a captured delivery replayed later, or a forged clock). */
const staleOrFuture = (context: CorpusContext) =>
  fc
    .record({
      gateway: gatewayArb,
      future: fc.boolean(),
      // Stripe: 300 s past, 60 s ahead. Razorpay: 48 h past, 300 s ahead.
      by: fc.integer({ min: 1, max: 10 * 365 * 86_400 }),
      eventId: eventIdArb,
      type: fc.nat()
    })
    .map(({ gateway, future, by, eventId, type }): HostileRequest => {
      const window = gateway === "stripe" ? (future ? 60 : 300) : future ? 300 : 48 * 3600
      // The margin outlasts the run, so a request sent a minute after generation is still out of the window.
      const at = future ? context.now + window + 300 + by : context.now - window - 5 - by
      const body =
        gateway === "stripe"
          ? stripeEventBody(eventId, STRIPE_TYPES[type % STRIPE_TYPES.length] ?? "", at)
          : razorpayEventBody(RAZORPAY_TYPES[type % RAZORPAY_TYPES.length] ?? "", at)
      const headers = validlySigned(context, gateway, body, at)
      return {
        category: "stale or future timestamp",
        gateway,
        expect: "4xx",
        request: wire(gateway, { ...json, ...headers }, body)
      }
    })

const replayed = (context: CorpusContext) =>
  fc.constantFrom(...context.stored).map(
    (delivery): HostileRequest => ({
      category: "replayed delivery",
      gateway: delivery.gateway,
      expect: "duplicate",
      request: wire(delivery.gateway, { ...json, ...delivery.headers }, delivery.body)
    })
  )

const hugeBody = (context: CorpusContext) =>
  fc
    .record({
      gateway: gatewayArb,
      extra: fc.integer({ min: 1, max: 1_200_000 }),
      signed: fc.boolean(),
      chunked: fc.boolean(),
      fill: fc.constantFrom(" ", "A", "{")
    })
    .map(({ gateway, extra, signed, chunked, fill }): HostileRequest => {
      const body = HUGE[fill].subarray(0, BODY_LIMIT + extra)
      const headers = signed ? validlySigned(context, gateway, body) : {}
      return {
        category: "huge body",
        gateway,
        expect: "4xx",
        request: wire(gateway, { ...json, ...headers }, body, chunked)
      }
    })

const wrongContentType = (context: CorpusContext) =>
  gatewayArb.chain((gateway) =>
    fc
      .record({
        body: eventBody(context, gateway),
        type: fc.oneof(
          fc.constantFrom(
            "text/plain",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "application/json; charset=utf-16",
            "application/xml",
            "*/*",
            ""
          ),
          legalText(60)
        ),
        hex: hexArb
      })
      .map(({ body, type, hex }): HostileRequest => {
        const headers =
          gateway === "stripe"
            ? { "stripe-signature": `t=${context.now},v1=${hex}` }
            : { "x-razorpay-signature": hex, "x-razorpay-event-id": "EvContentType1" }
        return {
          category: "wrong content type",
          gateway,
          expect: "4xx",
          request: wire(gateway, { "content-type": type, ...headers }, body)
        }
      })
  )

/** Signature headers absent, empty, repeated, or a valid Razorpay signature with a bad or repeated event id. */
const signatureHeaders = (context: CorpusContext) =>
  gatewayArb.chain((gateway) =>
    fc
      .record({
        body: eventBody(context, gateway),
        how: fc.constantFrom(
          "missing",
          "empty",
          "duplicated valid",
          "valid plus forged",
          "bad event id",
          "duplicated event id",
          "wrong header name"
        ),
        eventId: badEventIdArb,
        hex: hexArb
      })
      .map(({ body, how, eventId, hex }): HostileRequest => {
        const valid = validlySigned(context, gateway, body)
        const name = gateway === "stripe" ? "stripe-signature" : "x-razorpay-signature"
        const signature = (valid as Record<string, string>)[name] ?? ""
        const forged = gateway === "stripe" ? `t=${context.now},v1=${hex}` : hex
        const headers: Record<string, string | ReadonlyArray<string>> =
          how === "missing"
            ? {}
            : how === "empty"
              ? { [name]: "" }
              : how === "duplicated valid"
                ? { ...valid, [name]: [signature, signature] }
                : how === "valid plus forged"
                  ? { ...valid, [name]: [forged, signature] }
                  : how === "wrong header name"
                    ? { [gateway === "stripe" ? "x-razorpay-signature" : "stripe-signature"]: signature }
                    : gateway === "stripe"
                      ? { ...valid, [name]: `${signature},v1=${hex}`.replace(/^t=\d+/, "t=") }
                      : how === "bad event id"
                        ? { ...valid, "x-razorpay-event-id": eventId }
                        : { ...valid, "x-razorpay-event-id": ["EvDup1", "EvDup2"] }
        return {
          category: "missing or duplicated signature headers",
          gateway,
          expect: "4xx",
          request: wire(gateway, { ...json, ...headers }, body)
        }
      })
  )

const crlf = "\r\n"
/** Requests no HTTP client library would send: CR/LF and NUL in values, folded lines, smuggling, oversized heads. */
const headerInjection = (context: CorpusContext) =>
  gatewayArb.chain((gateway) =>
    fc
      .record({
        body: eventBody(context, gateway),
        how: fc.constantFrom(
          "crlf in value",
          "bare lf",
          "nul byte",
          "obs-fold",
          "two content-lengths",
          "cl and te",
          "huge header",
          "non-ascii name",
          "space before colon"
        ),
        hex: hexArb
      })
      .map(({ body, how, hex }): HostileRequest => {
        const name = gateway === "stripe" ? "Stripe-Signature" : "X-Razorpay-Signature"
        const forged = gateway === "stripe" ? `t=${context.now},v1=${hex}` : hex
        const valid = Object.entries(validlySigned(context, gateway, body))
          .map(([key, value]) => `${key}: ${value}`)
          .join(crlf)
        const length = Buffer.byteLength(body)
        const head = (lines: ReadonlyArray<string>) =>
          [
            `POST ${pathOf(gateway)} HTTP/1.1`,
            "Host: 127.0.0.1",
            "Content-Type: application/json",
            ...lines,
            "Connection: close",
            "",
            ""
          ].join(crlf)
        const variants: Record<string, string> = {
          "crlf in value":
            head([
              `${name}: ${forged}\r\nX-Razorpay-Event-Id: EvInjected\r\nX-Injected: 1`,
              `Content-Length: ${length}`
            ]) + body,
          "bare lf":
            head([`${name}: ${forged}\nX-Razorpay-Event-Id: EvInjected`, `Content-Length: ${length}`]) + body,
          "nul byte": head([`${name}: ${forged}\u0000${valid}`, `Content-Length: ${length}`]) + body,
          "obs-fold":
            head([`${name}: ${forged}`, ` ${valid.split(": ")[1] ?? ""}`, `Content-Length: ${length}`]) +
            body,
          "two content-lengths":
            head([valid, `Content-Length: ${length}`, `Content-Length: ${length + 5}`]) + body,
          "cl and te":
            head([valid, `Content-Length: ${length}`, "Transfer-Encoding: chunked"]) +
            `0${crlf}${crlf}POST /webhooks/${gateway} HTTP/1.1${crlf}${crlf}`,
          "huge header":
            head([`${name}: ${forged}`, `X-Padding: ${"a".repeat(70_000)}`, `Content-Length: ${length}`]) +
            body,
          "non-ascii name": head([`Stripe-Signatüre: ${forged}`, `Content-Length: ${length}`]) + body,
          "space before colon": head([`${name} : ${forged}`, `Content-Length: ${length}`]) + body
        }
        return {
          category: "header injection",
          gateway,
          expect: "4xx",
          request: { raw: Buffer.from(variants[how] ?? "", "latin1") }
        }
      })
  )

/** The whole corpus: `count` hostile requests, reproducible from `seed`. */
export const hostileWebhookRequests = (
  context: CorpusContext,
  count: number,
  seed: number
): ReadonlyArray<HostileRequest> =>
  fc.sample(
    fc.oneof(
      { weight: 14, arbitrary: randomBytes(context) },
      { weight: 12, arbitrary: truncatedJson(context) },
      { weight: 10, arbitrary: signedNonEvent(context) },
      { weight: 14, arbitrary: wrongSignature(context) },
      { weight: 12, arbitrary: staleOrFuture(context) },
      { weight: 6, arbitrary: replayed(context) },
      { weight: 2, arbitrary: hugeBody(context) },
      { weight: 10, arbitrary: wrongContentType(context) },
      { weight: 8, arbitrary: headerInjection(context) },
      { weight: 12, arbitrary: signatureHeaders(context) }
    ),
    { numRuns: count, seed }
  )
