import { createHmac, timingSafeEqual } from "node:crypto"
import type { IncomingHttpHeaders } from "node:http"

/** Signed requests older or newer than this are refused, so a captured one cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300

const equal = (a: string, b: string) => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

export const platformSignature = (apiKey: string, timestamp: number, rawBody: string) =>
  createHmac("sha256", apiKey).update(`${timestamp}.${rawBody}`).digest("hex")

/**
 * The learning platform proves itself with `Authorization: Bearer <PLATFORM_API_KEY>`, or with
 * `X-Certify-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" under the key>`.
 */
export const isPlatformRequest = (
  apiKey: string,
  headers: IncomingHttpHeaders,
  rawBody: string,
  nowSeconds = Math.floor(Date.now() / 1000)
) => {
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? "")?.[1]
  if (bearer !== undefined) return equal(bearer, apiKey)
  const signature = headers["x-certify-signature"]
  if (typeof signature !== "string") return false
  const parts = Object.fromEntries(
    signature.split(",").map((part) => part.trim().split("=", 2) as [string, string])
  )
  const timestamp = Number(parts.t)
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS)
    return false
  return typeof parts.v1 === "string" && equal(parts.v1, platformSignature(apiKey, timestamp, rawBody))
}
