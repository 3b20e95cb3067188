import { createHash, createHmac, timingSafeEqual } from "node:crypto"
import { Currency, GatewayEventId, Money, PaymentId, PaymentReference } from "@certify/domain"
import { Option, Schema } from "effect"

const decodePaymentId = Schema.decodeUnknownOption(PaymentId)
const decodeEventId = Schema.decodeUnknownOption(GatewayEventId)
const decodeCurrency = Schema.decodeUnknownOption(Currency)

/** Our payment id from a gateway's metadata or notes, only if it is one of ours in shape. */
export const paymentIdFrom = (value: unknown): PaymentId | undefined =>
  Option.getOrUndefined(decodePaymentId(value))

export const eventIdFrom = (value: unknown): GatewayEventId | undefined =>
  Option.getOrUndefined(decodeEventId(value))

/** Money from a gateway's minor units and ISO code (any case); `undefined` if we cannot represent it. */
export const moneyFrom = (amount: unknown, currency: unknown): Money | undefined => {
  if (typeof currency !== "string" || typeof amount !== "number") return undefined
  const code = Option.getOrUndefined(decodeCurrency(currency.toUpperCase()))
  if (code === undefined) return undefined
  try {
    return new Money({ amount, currency: code })
  } catch {
    return undefined
  }
}

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined

/** A reference with only the fields present (the schema's keys are optional, not undefined). */
export const referenceOf = (fields: {
  readonly paymentId?: unknown
  readonly checkoutRef?: unknown
  readonly gatewayPaymentId?: unknown
}): PaymentReference => {
  const paymentId = paymentIdFrom(fields.paymentId)
  const checkoutRef = nonEmpty(fields.checkoutRef)
  const gatewayPaymentId = nonEmpty(fields.gatewayPaymentId)
  return new PaymentReference({
    ...(paymentId === undefined ? {} : { paymentId }),
    ...(checkoutRef === undefined ? {} : { checkoutRef }),
    ...(gatewayPaymentId === undefined ? {} : { gatewayPaymentId })
  })
}

/** Hex HMAC-SHA256 compared in constant time; a malformed candidate is simply not a match. */
export const hmacHexMatches = (payload: string | Buffer, secret: string, candidateHex: string): boolean => {
  if (!/^[0-9a-f]{64}$/i.test(candidateHex)) return false
  const expected = createHmac("sha256", secret).update(payload).digest()
  return timingSafeEqual(expected, Buffer.from(candidateHex, "hex"))
}

/** A short deterministic stand-in for a long id, where a gateway limits the length (Razorpay receipts: 40). */
export const boundedId = (id: string, max: number): string =>
  id.length <= max
    ? id
    : `h_${createHash("sha256")
        .update(id)
        .digest("base64url")
        .slice(0, max - 2)}`

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
