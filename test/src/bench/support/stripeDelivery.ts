import { stripeSignature } from "./stripeSignature.ts"

/**
 * A Stripe event as Stripe delivers it. `payment_intent.created` is a real type the system stores and
 * then explicitly ignores, so the ingest path (verify, unique insert, enqueue) is measured without
 * the workers turning thousands of made-up payments into manual-review items.
 */
export const stripeEventBody = (eventId: string, createdSeconds: number) =>
  JSON.stringify(
    {
      id: eventId,
      object: "event",
      api_version: "2025-09-30.clover",
      created: createdSeconds,
      livemode: false,
      pending_webhooks: 1,
      request: { id: `req_${eventId.slice(4)}`, idempotency_key: null },
      type: "payment_intent.created",
      data: {
        object: {
          id: `pi_${eventId.slice(4)}`,
          object: "payment_intent",
          amount: 4900,
          currency: "usd",
          status: "requires_payment_method",
          metadata: { payment_id: `pay_${eventId.slice(4)}` }
        }
      }
    },
    null,
    2
  )

export const stripeDeliveryHeaders = (secret: string, body: string) => ({
  "content-type": "application/json; charset=utf-8",
  "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
  "stripe-signature": stripeSignature(secret, body)
})
