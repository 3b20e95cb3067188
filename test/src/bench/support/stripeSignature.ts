import { createHmac } from "node:crypto"

/** `Stripe-Signature` exactly as Stripe sends it: `t=<seconds>,v1=HMAC-SHA256(secret, "<t>.<body>")`. */
export const stripeSignature = (
  secret: string,
  body: string,
  timestampSeconds = Math.floor(Date.now() / 1000)
) =>
  `t=${timestampSeconds},v1=${createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex")}`
