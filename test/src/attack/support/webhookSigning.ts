import { createHmac } from "node:crypto"
import {
  razorpayEvent,
  razorpayPayment,
  stripeEvent,
  stripeSession
} from "../../../../adapters/src/gateways/fixtures/documentedEvents.ts"

// Signed the way each gateway documents it, written here on purpose: the test must not share the
// adapters' verification code it attacks.

export const stripeSignatureHeader = (secret: string, timestamp: number, body: Buffer | string) =>
  `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")}`

export const razorpaySignature = (secret: string, body: Buffer | string) =>
  createHmac("sha256", secret).update(body).digest("hex")

/** A documented event body with our ids filled in; created `createdAt` (Unix seconds). */
export const stripeEventBody = (eventId: string, type: string, createdAt: number) =>
  JSON.stringify(stripeEvent(type, stripeSession("pay_fuzz_0001"), { id: eventId, created: createdAt }))

export const razorpayEventBody = (type: string, createdAt: number) =>
  JSON.stringify(
    razorpayEvent(type, { payment: razorpayPayment("pay_fuzz_0002") }, { created_at: createdAt })
  )

/** Event types both gateways send that the ledger stores and explicitly ignores: safe to accept once. */
export const IGNORED_STRIPE_TYPE = "customer.created"
export const IGNORED_RAZORPAY_TYPE = "virtual_account.created"
