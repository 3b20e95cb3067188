import { CheckoutSession, type GatewayPaymentSnapshot } from "@certify/domain"
import type Stripe from "stripe"
import type { ResilienceSettings, StripeSettings } from "../config/GatewayConfig.ts"
import { makeGatewayPolicy } from "../resilience/gatewayPolicy.ts"
import { type GatewayAdapter, ourIds, returnUrls } from "../shared/GatewayAdapter.ts"
import { isStripeAlreadyRefunded, isStripeMissing, makeStripeClient, stripeFailures } from "./stripeClient.ts"
import { disputedIntentId, paymentIntentSnapshot, sessionSnapshot } from "./stripeSnapshots.ts"

const PAGE_SIZE = 100
// Session → payment intent → latest charge: the whole payment state in one call (Stripe allows 4 levels).
const SESSION_EXPAND = ["payment_intent.latest_charge"]

/** Deterministic keys: a retry, a double click or a second worker asks Stripe for the same thing once. */
export const checkoutIdempotencyKey = (paymentId: string) => paymentId
export const refundIdempotencyKey = (gatewayPaymentId: string) => `certify-refund-${gatewayPaymentId}`

export const makeStripeAdapter = (
  settings: StripeSettings,
  resilience: ResilienceSettings,
  publicBaseUrl: string,
  client: Stripe = makeStripeClient({
    secretKey: settings.secretKey,
    apiUrl: settings.apiUrl,
    timeoutMs: resilience.timeoutMs
  })
): GatewayAdapter => {
  const policy = makeGatewayPolicy(resilience, stripeFailures)
  const call = policy.run
  const orMissing = async <A>(run: () => Promise<A>): Promise<A | undefined> => {
    try {
      return await call(run)
    } catch (error) {
      if (isStripeMissing(error)) return undefined
      throw error
    }
  }
  const latestDispute = async (paymentIntentId: string | undefined) => {
    if (paymentIntentId === undefined) return undefined
    const disputes = await call(() => client.disputes.list({ payment_intent: paymentIntentId, limit: 1 }))
    return disputes.data[0]
  }
  const snapshotOfSession = async (session: Stripe.Checkout.Session) =>
    sessionSnapshot(session, await latestDispute(disputedIntentId(session)), new Date())
  const present = (snapshots: ReadonlyArray<GatewayPaymentSnapshot | undefined>) =>
    snapshots.filter((s): s is GatewayPaymentSnapshot => s !== undefined)

  return {
    gateway: "stripe",
    policy,
    createCheckout: async (request) => {
      const urls = returnUrls(publicBaseUrl, request.paymentId)
      const metadata = ourIds(request)
      // Every parameter derives from the request: a retry with the same key must send the same body.
      const session = await call(() =>
        client.checkout.sessions.create(
          {
            mode: "payment",
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: request.amount.currency.toLowerCase(),
                  unit_amount: request.amount.amount,
                  product_data: { name: `Certificate: ${request.courseTitle}` }
                }
              }
            ],
            customer_email: request.learnerEmail,
            client_reference_id: request.paymentId,
            metadata,
            payment_intent_data: { metadata },
            success_url: `${urls.purchase}?session_id={CHECKOUT_SESSION_ID}`,
            cancel_url: urls.cancelled
          },
          { idempotencyKey: checkoutIdempotencyKey(request.paymentId) }
        )
      )
      if (!session.url) throw new Error(`stripe returned session ${session.id} without a checkout url`)
      return new CheckoutSession({ checkoutRef: session.id, url: session.url })
    },
    fetchPayment: async (reference) => {
      if (reference.checkoutRef !== undefined) {
        const checkoutRef = reference.checkoutRef
        const session = await orMissing(() =>
          client.checkout.sessions.retrieve(checkoutRef, { expand: SESSION_EXPAND })
        )
        if (session !== undefined) return present([await snapshotOfSession(session)])
      }
      if (reference.gatewayPaymentId !== undefined) {
        const id = reference.gatewayPaymentId
        const intent = await orMissing(() =>
          client.paymentIntents.retrieve(id, { expand: ["latest_charge"] })
        )
        if (intent !== undefined)
          return present([
            paymentIntentSnapshot(intent, await latestDispute(disputedIntentId(intent)), new Date())
          ])
      }
      // Our payment id alone: no checkout was ever attached, so nobody could have paid it.
      return []
    },
    listPayments: async (window, cursor) => {
      const page = await call(() =>
        client.checkout.sessions.list({
          created: {
            gte: Math.floor(window.from.getTime() / 1000),
            lte: Math.ceil(window.to.getTime() / 1000)
          },
          limit: PAGE_SIZE,
          ...(cursor === undefined ? {} : { starting_after: cursor }),
          expand: SESSION_EXPAND.map((path) => `data.${path}`)
        })
      )
      const items: Array<GatewayPaymentSnapshot | undefined> = []
      for (const session of page.data) items.push(await snapshotOfSession(session))
      return { items: present(items), next: page.has_more ? page.data.at(-1)?.id : undefined }
    },
    refund: async (reference) => {
      let intentId = reference.gatewayPaymentId
      if (intentId === undefined && reference.checkoutRef !== undefined) {
        const checkoutRef = reference.checkoutRef
        const session = await call(() => client.checkout.sessions.retrieve(checkoutRef))
        intentId =
          typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id
      }
      if (intentId === undefined)
        throw new Error("nothing to refund: the payment has no stripe payment intent")
      const paymentIntent = intentId
      try {
        await call(() =>
          client.refunds.create(
            // Same parameters on every call: Stripe refuses a reused key with a different body.
            { payment_intent: paymentIntent, reason: "requested_by_customer" },
            { idempotencyKey: refundIdempotencyKey(paymentIntent) }
          )
        )
      } catch (error) {
        if (!isStripeAlreadyRefunded(error)) throw error
      }
    }
  }
}
