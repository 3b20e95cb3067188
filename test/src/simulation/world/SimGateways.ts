import {
  CheckoutSession,
  GatewayEvent,
  GatewayEventId,
  type GatewayEventKind,
  GatewayPaymentSnapshot,
  inboxKey,
  Money,
  PaymentGateways,
  type PaymentId,
  PaymentReference,
  type PaymentStatus,
  PaymentUnavailable
} from "@certify/domain"
import { Effect, Schema } from "effect"
import type { SimGateway } from "../model/Scenario.ts"
import type { SimClock } from "./SimClock.ts"
import type { Webhooks } from "./Webhooks.ts"

/** One checkout as the gateway knows it: the source of truth for its payment's state. */
export interface GatewayPayment {
  readonly gateway: SimGateway
  readonly paymentId: PaymentId
  readonly checkoutRef: string
  readonly price: Money
  charged: Money
  status: PaymentStatus
  gatewayPaymentId: string | undefined
  readonly createdAt: number
  /** Every status the payment has had at the gateway, oldest first. */
  readonly history: Array<PaymentStatus>
}

/** Moves a real gateway allows, by target: stricter than the ledger's machine, which accepts any forward move. */
const allowedFrom: { readonly [S in PaymentStatus]?: ReadonlyArray<PaymentStatus> } = {
  succeeded: ["pending", "failed"],
  failed: ["pending"],
  expired: ["pending", "failed"],
  partially_refunded: ["succeeded"],
  refunded: ["succeeded", "partially_refunded", "dispute_won"],
  disputed: ["succeeded", "partially_refunded"],
  dispute_won: ["disputed"],
  dispute_lost: ["disputed"]
}

const kindFor: { readonly [S in PaymentStatus]?: GatewayEventKind } = {
  succeeded: "payment_succeeded",
  failed: "payment_failed",
  expired: "checkout_expired",
  partially_refunded: "payment_partially_refunded",
  refunded: "payment_refunded",
  disputed: "dispute_opened",
  dispute_won: "dispute_won",
  dispute_lost: "dispute_lost"
}

const PAGE_SIZE = 2

/** Both gateways in one: checkouts, payments, API outages, and the webhooks every change sends. */
export class SimGateways {
  readonly payments: Array<GatewayPayment> = []
  readonly outages: Record<SimGateway, number> = { stripe: 0, razorpay: 0 }
  apiCalls = 0
  /** A planted bug for the oracle test: reconciliation sees no payments at all. */
  blindListing = false
  private events = 0

  private readonly clock: SimClock
  private readonly webhooks: Webhooks
  private readonly prefix: string

  constructor(clock: SimClock, webhooks: Webhooks, prefix: string) {
    this.clock = clock
    this.webhooks = webhooks
    this.prefix = prefix
  }

  private call(gateway: SimGateway) {
    return Effect.suspend(() => {
      this.apiCalls++
      if (this.outages[gateway] <= 0) return Effect.void
      this.outages[gateway]--
      return Effect.fail(new PaymentUnavailable({ gateway, reason: "gateway outage (simulated)" }))
    })
  }

  private find(gateway: SimGateway, reference: PaymentReference) {
    return this.payments.find(
      (p) =>
        p.gateway === gateway &&
        ((reference.paymentId !== undefined && p.paymentId === reference.paymentId) ||
          (reference.checkoutRef !== undefined && p.checkoutRef === reference.checkoutRef) ||
          (reference.gatewayPaymentId !== undefined && p.gatewayPaymentId === reference.gatewayPaymentId))
    )
  }

  private snapshot(p: GatewayPayment) {
    return new GatewayPaymentSnapshot({
      gateway: p.gateway,
      paymentId: p.paymentId,
      checkoutRef: p.checkoutRef,
      ...(p.gatewayPaymentId === undefined ? {} : { gatewayPaymentId: p.gatewayPaymentId }),
      status: p.status,
      amount: p.charged,
      observedAt: this.clock.now
    })
  }

  /** The learner or the bank acts at the gateway; an allowed move sends its webhook. */
  act(checkout: number, to: PaymentStatus, wrongAmount = false) {
    const payment = this.payments[checkout % Math.max(1, this.payments.length)]
    if (payment === undefined || !(allowedFrom[to] ?? []).includes(payment.status)) return false
    if (to === "succeeded") {
      payment.gatewayPaymentId = `${payment.gateway === "stripe" ? "pi" : "pay"}_${payment.paymentId}`
      if (wrongAmount) payment.charged = new Money({ ...payment.price, amount: payment.price.amount + 100 })
    }
    payment.status = to
    payment.history.push(to)
    const kind = kindFor[to]
    if (kind !== undefined) this.webhooks.send(this.eventFor(payment, kind), this.clock.millis)
    return true
  }

  // Like the real ones: completions name our payment and the checkout; refunds and disputes only the charge.
  private eventFor(payment: GatewayPayment, kind: GatewayEventKind) {
    const eventId = Schema.decodeUnknownSync(GatewayEventId)(
      `evt_${this.prefix}${payment.gateway}_${++this.events}`
    )
    const byCharge =
      payment.gatewayPaymentId !== undefined && kind !== "payment_succeeded" && kind !== "payment_failed"
    const reference = byCharge
      ? new PaymentReference({ gatewayPaymentId: payment.gatewayPaymentId as string })
      : new PaymentReference({
          paymentId: payment.paymentId,
          checkoutRef: payment.checkoutRef,
          ...(payment.gatewayPaymentId === undefined ? {} : { gatewayPaymentId: payment.gatewayPaymentId })
        })
    return new GatewayEvent({
      eventId,
      gateway: payment.gateway,
      kind,
      gatewayType: kind,
      reference,
      ...(kind === "payment_succeeded" || kind === "payment_refunded" ? { amount: payment.charged } : {}),
      occurredAt: this.clock.now,
      rawPayloadRef: inboxKey(payment.gateway, eventId)
    })
  }

  readonly service = PaymentGateways.of({
    status: Effect.sync(() =>
      (["stripe", "razorpay"] as const).map((gateway) =>
        this.outages[gateway] > 0
          ? { gateway, available: false, reason: "payment unavailable: gateway outage" }
          : { gateway, available: true }
      )
    ),
    createCheckout: (request) =>
      Effect.andThen(this.call(request.gateway), () =>
        Effect.sync(() => {
          let payment = this.payments.find((p) => p.paymentId === request.paymentId)
          if (payment === undefined) {
            payment = {
              gateway: request.gateway,
              paymentId: request.paymentId,
              checkoutRef: `${request.gateway === "stripe" ? "cs" : "order"}_${request.paymentId}`,
              price: request.amount,
              charged: request.amount,
              status: "pending",
              gatewayPaymentId: undefined,
              createdAt: this.clock.millis,
              history: ["pending"]
            }
            this.payments.push(payment)
          }
          return new CheckoutSession({
            checkoutRef: payment.checkoutRef,
            url: `https://pay.sim/${payment.checkoutRef}`
          })
        })
      ),
    fetchPayment: (gateway, reference) =>
      Effect.andThen(this.call(gateway), () =>
        Effect.sync(() => {
          const found = this.find(gateway, reference)
          return found === undefined ? [] : [this.snapshot(found)]
        })
      ),
    listPayments: (gateway, window, cursor) =>
      Effect.andThen(this.call(gateway), () =>
        Effect.sync(() => {
          // By creation time, as Stripe lists checkout sessions.
          const matching = this.payments.filter(
            (p) =>
              !this.blindListing &&
              p.gateway === gateway &&
              p.createdAt >= window.from.getTime() &&
              p.createdAt <= window.to.getTime()
          )
          const offset = cursor === undefined ? 0 : Number(cursor)
          const items = matching.slice(offset, offset + PAGE_SIZE).map((p) => this.snapshot(p))
          return {
            items,
            next: offset + PAGE_SIZE < matching.length ? String(offset + PAGE_SIZE) : undefined
          }
        })
      ),
    refund: (gateway, reference) =>
      Effect.andThen(this.call(gateway), () =>
        Effect.sync(() => {
          const found = this.find(gateway, reference)
          if (found) this.act(this.payments.indexOf(found), "refunded")
        })
      )
  })
}
