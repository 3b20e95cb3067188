import { CheckoutSession, type GatewayPaymentSnapshot, type PaymentReference } from "@certify/domain"
import type { RazorpaySettings, ResilienceSettings } from "../config/GatewayConfig.ts"
import { makeGatewayPolicy } from "../resilience/gatewayPolicy.ts"
import { type GatewayAdapter, ourIds } from "../shared/GatewayAdapter.ts"
import { boundedId, isRecord } from "../shared/values.ts"
import {
  isRazorpayAlreadyRefunded,
  isRazorpayMissing,
  makeRazorpayClient,
  type RazorpayClient,
  razorpayFailures
} from "./razorpayClient.ts"
import { notesOf, razorpayPaymentSnapshot } from "./razorpaySnapshots.ts"

// Razorpay's documented maximum page size for collection fetches.
const PAGE_SIZE = 100
const RECEIPT_MAX = 40
const REFUND_KEY_MAX = 64

/** The order's receipt: our payment id, so a retried create finds the order the first attempt made. */
export const razorpayReceipt = (paymentId: string) => boundedId(paymentId, RECEIPT_MAX)
/**
 * The refund's `X-Refund-Idempotency` key: our payment id and the captured Razorpay payment, so asking
 * again for the same payment gets the same refund back instead of a second one.
 */
export const razorpayRefundKey = (paymentId: string | undefined, razorpayPaymentId: string) =>
  boundedId(`certify-refund-${paymentId ?? "unknown"}-${razorpayPaymentId}`, REFUND_KEY_MAX)
export const razorpayCheckoutUrl = (publicBaseUrl: string, paymentId: string) =>
  `${publicBaseUrl}/checkout/razorpay/${encodeURIComponent(paymentId)}`

type Entity = Record<string, unknown>
const items = (collection: unknown): ReadonlyArray<Entity> =>
  isRecord(collection) && Array.isArray(collection.items) ? collection.items.filter(isRecord) : []

export const makeRazorpayAdapter = (
  settings: RazorpaySettings,
  resilience: ResilienceSettings,
  publicBaseUrl: string,
  client: RazorpayClient = makeRazorpayClient({
    keyId: settings.keyId,
    keySecret: settings.keySecret,
    apiUrl: settings.apiUrl,
    timeoutMs: resilience.timeoutMs
  })
): GatewayAdapter => {
  const policy = makeGatewayPolicy(resilience, razorpayFailures)
  const call = policy.run
  const { sdk } = client
  const orMissing = async <A>(run: () => Promise<A>): Promise<A | undefined> => {
    try {
      return await call(run)
    } catch (error) {
      if (isRazorpayMissing(error)) return undefined
      throw error
    }
  }
  const present = (snapshots: ReadonlyArray<GatewayPaymentSnapshot | undefined>) =>
    snapshots.filter((s): s is GatewayPaymentSnapshot => s !== undefined)

  const orderPayments = async (orderId: string) => {
    const order = await orMissing(() => sdk.orders.fetch(orderId))
    if (order === undefined) return []
    const payments = await call(() => sdk.orders.fetchPayments(orderId))
    const orderNotes = notesOf(order as unknown as Entity)
    const now = new Date()
    return present(items(payments).map((payment) => razorpayPaymentSnapshot(payment, now, orderNotes)))
  }
  const paymentIdsOf = async (reference: PaymentReference): Promise<ReadonlyArray<string>> => {
    if (reference.gatewayPaymentId !== undefined) return [reference.gatewayPaymentId]
    if (reference.checkoutRef === undefined) return []
    const orderId = reference.checkoutRef
    const payments = await call(() => sdk.orders.fetchPayments(orderId))
    return items(payments)
      .filter((payment) => payment.captured === true)
      .map((payment) => String(payment.id))
  }

  return {
    gateway: "razorpay",
    policy,
    createCheckout: async (request) => {
      const receipt = razorpayReceipt(request.paymentId)
      // Orders have no idempotency key, so the lookup by receipt and the create retry as one unit:
      // an attempt whose create succeeded but whose answer was lost is found by the next attempt's lookup.
      const order = await call(async () => {
        const found = items(await sdk.orders.all({ receipt, count: 1 }))[0]
        if (found !== undefined) return found
        return (await sdk.orders.create({
          amount: request.amount.amount,
          currency: request.amount.currency,
          receipt,
          notes: ourIds(request)
        })) as unknown as Entity
      })
      if (typeof order.id !== "string") throw new Error("razorpay returned an order without an id")
      return new CheckoutSession({
        checkoutRef: order.id,
        url: razorpayCheckoutUrl(publicBaseUrl, request.paymentId)
      })
    },
    fetchPayment: async (reference) => {
      if (reference.checkoutRef !== undefined) return orderPayments(reference.checkoutRef)
      if (reference.gatewayPaymentId !== undefined) {
        const id = reference.gatewayPaymentId
        const payment = await orMissing(() => sdk.payments.fetch(id))
        if (payment === undefined) return []
        return present([razorpayPaymentSnapshot(payment as unknown as Entity, new Date())])
      }
      // Only our id (a crash before the order id was stored): the receipt finds the order.
      if (reference.paymentId !== undefined) {
        const receipt = razorpayReceipt(reference.paymentId)
        const order = items(await call(() => sdk.orders.all({ receipt, count: 1 })))[0]
        if (typeof order?.id === "string") return orderPayments(order.id)
      }
      return []
    },
    listPayments: async (window, cursor) => {
      const skip = cursor === undefined ? 0 : Number(cursor)
      const page = await call(() =>
        sdk.payments.all({
          from: Math.floor(window.from.getTime() / 1000),
          to: Math.ceil(window.to.getTime() / 1000),
          count: PAGE_SIZE,
          skip
        })
      )
      const found = items(page)
      const now = new Date()
      return {
        items: present(found.map((payment) => razorpayPaymentSnapshot(payment, now))),
        next: found.length === PAGE_SIZE ? String(skip + PAGE_SIZE) : undefined
      }
    },
    refund: async (reference) => {
      const ids = await paymentIdsOf(reference)
      if (ids.length === 0) throw new Error("nothing to refund: the payment has no captured razorpay payment")
      for (const id of ids) {
        try {
          // The same key for the same payment: one full refund, however often asked or retried.
          const key = razorpayRefundKey(reference.paymentId, id)
          await call(() => client.refundPayment(id, key, { receipt: razorpayReceipt(`refund-${id}`) }))
        } catch (error) {
          if (!isRazorpayAlreadyRefunded(error)) throw error
        }
      }
    }
  }
}
