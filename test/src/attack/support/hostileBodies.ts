import fc from "fast-check"
import {
  BODY_LIMIT,
  type CorpusContext,
  eventBody,
  eventIdArb,
  gatewayArb,
  type HostileRequest,
  HUGE,
  hexArb,
  ID,
  json,
  legalText,
  POLLUTION,
  RAZORPAY_TYPES,
  STRIPE_TYPES,
  validlySigned,
  wire
} from "./webhookCorpusBasics.ts"
import { razorpayEventBody, stripeEventBody } from "./webhookSigning.ts"

export const randomBytes = (context: CorpusContext) =>
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

export const truncatedJson = (context: CorpusContext) =>
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
export const signedNonEvent = (context: CorpusContext) =>
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

export const wrongSignature = (context: CorpusContext) =>
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
export const staleOrFuture = (context: CorpusContext) =>
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

export const replayed = (context: CorpusContext) =>
  fc.constantFrom(...context.stored).map(
    (delivery): HostileRequest => ({
      category: "replayed delivery",
      gateway: delivery.gateway,
      expect: "duplicate",
      request: wire(delivery.gateway, { ...json, ...delivery.headers }, delivery.body)
    })
  )

export const hugeBody = (context: CorpusContext) =>
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

export const wrongContentType = (context: CorpusContext) =>
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
