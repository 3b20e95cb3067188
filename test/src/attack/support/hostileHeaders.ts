import fc from "fast-check"
import {
  badEventIdArb,
  type CorpusContext,
  eventBody,
  gatewayArb,
  type HostileRequest,
  hexArb,
  json,
  pathOf,
  validlySigned,
  wire
} from "./webhookCorpusBasics.ts"

/** Signature headers absent, empty, repeated, or a valid Razorpay signature with a bad or repeated event id. */
export const signatureHeaders = (context: CorpusContext) =>
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

export const crlf = "\r\n"
/** Requests no HTTP client library would send: CR/LF and NUL in values, folded lines, smuggling, oversized heads. */
export const headerInjection = (context: CorpusContext) =>
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
