import type { MakeId } from "../http/random.ts"
import type { DisputeOutcome } from "../SandboxControls.ts"

export type RazorpayEntity = Record<string, unknown>

export interface RazorpayStateDeps {
  readonly makeId: MakeId
  readonly nowSeconds: () => number
  /** `payload` maps entity names (payment, order, refund, dispute) to entities. */
  readonly emit: (event: string, payload: Record<string, RazorpayEntity>) => void
}

/** Razorpay's orders, payments, refunds and disputes, changed the way Checkout and the dashboard change them. */
export const makeRazorpayState = ({ makeId, nowSeconds, emit }: RazorpayStateDeps) => {
  const orders = new Map<string, RazorpayEntity>()
  const payments = new Map<string, RazorpayEntity>()
  const refunds = new Map<string, RazorpayEntity>()
  const disputes = new Map<string, RazorpayEntity>()
  /** `X-Refund-Idempotency` key → the refund it created. */
  const refundsByKey = new Map<string, RazorpayEntity>()

  const findOrder = (ref: string): RazorpayEntity | undefined => {
    const direct = orders.get(ref) ?? orders.get(String(payments.get(ref)?.order_id))
    if (direct) return direct
    for (const order of orders.values()) if ((order.notes as RazorpayEntity).payment_id === ref) return order
    return undefined
  }
  const capturedPayment = (ref: string): RazorpayEntity | undefined => {
    const direct = payments.get(ref)
    if (direct?.captured === true) return direct
    const order = findOrder(ref)
    return [...payments.values()].find((p) => p.order_id === order?.id && p.captured === true)
  }
  const need = <A>(value: A | undefined, what: string): A => {
    if (value === undefined) throw new Error(`razorpay sandbox: ${what}`)
    return value
  }
  const newPayment = (order: RazorpayEntity, status: string): RazorpayEntity => {
    const payment: RazorpayEntity = {
      id: makeId("pay_"),
      entity: "payment",
      amount: order.amount,
      currency: order.currency,
      status,
      order_id: order.id,
      invoice_id: null,
      international: false,
      method: "card",
      amount_refunded: 0,
      refund_status: null,
      captured: false,
      description: `Order ${String(order.receipt)}`,
      card_id: makeId("card_"),
      bank: null,
      wallet: null,
      vpa: null,
      email: "learner@example.com",
      contact: "+919000090000",
      // Checkout copies the order's notes onto the payment.
      notes: order.notes,
      fee: null,
      tax: null,
      error_code: null,
      error_description: null,
      error_source: null,
      error_step: null,
      error_reason: null,
      acquirer_data: {},
      created_at: nowSeconds()
    }
    payments.set(String(payment.id), payment)
    order.attempts = Number(order.attempts) + 1
    return payment
  }

  return {
    orders,
    payments,
    refunds,
    findOrder,
    capturedPayment,
    createOrder: (fields: {
      amount: number
      currency: string
      receipt: string | null
      notes: RazorpayEntity
    }) => {
      const order: RazorpayEntity = {
        id: makeId("order_"),
        entity: "order",
        amount: fields.amount,
        amount_paid: 0,
        amount_due: fields.amount,
        currency: fields.currency,
        receipt: fields.receipt,
        offer_id: null,
        status: "created",
        attempts: 0,
        notes: fields.notes,
        created_at: nowSeconds()
      }
      orders.set(String(order.id), order)
      return order
    },
    /** Authorizes and auto-captures, as a payment with automatic capture does. */
    pay: (ref: string): RazorpayEntity => {
      const order = need(findOrder(ref), `no order for ${ref}`)
      const paid = [...payments.values()].find((p) => p.order_id === order.id && p.captured === true)
      if (paid) return paid
      const payment = newPayment(order, "authorized")
      emit("payment.authorized", { payment: { ...payment } })
      Object.assign(payment, {
        status: "captured",
        captured: true,
        fee: Math.round(Number(order.amount) * 0.02),
        tax: 0
      })
      Object.assign(order, { status: "paid", amount_paid: order.amount, amount_due: 0 })
      emit("payment.captured", { payment: { ...payment } })
      emit("order.paid", { payment: { ...payment }, order: { ...order } })
      return payment
    },
    decline: (ref: string): RazorpayEntity => {
      const order = need(findOrder(ref), `no order for ${ref}`)
      const payment = newPayment(order, "failed")
      Object.assign(payment, {
        error_code: "BAD_REQUEST_ERROR",
        error_description: "Payment failed because the card was declined",
        error_source: "issuer",
        error_step: "payment_authorization",
        error_reason: "payment_failed"
      })
      if (order.status === "created") order.status = "attempted"
      emit("payment.failed", { payment: { ...payment } })
      return payment
    },
    /** The refund an `X-Refund-Idempotency` key created, if any. */
    refundByKey: (idempotencyKey: string): RazorpayEntity | undefined => refundsByKey.get(idempotencyKey),
    /**
     * Undefined when nothing is left to refund. Like the real API, the same idempotency key gets the same
     * refund back; without one every call is a new request (the receipt is only a label).
     */
    refund: (
      ref: string,
      idempotencyKey: string | null,
      receipt: string | null = null
    ): RazorpayEntity | undefined => {
      const payment = capturedPayment(ref)
      if (payment === undefined) return undefined
      const existing = idempotencyKey === null ? undefined : refundsByKey.get(idempotencyKey)
      if (existing) return existing
      if (payment.refund_status === "full") return undefined
      const refund: RazorpayEntity = {
        id: makeId("rfnd_"),
        entity: "refund",
        amount: Number(payment.amount) - Number(payment.amount_refunded),
        currency: payment.currency,
        payment_id: payment.id,
        notes: [],
        receipt,
        acquirer_data: { arn: null },
        created_at: nowSeconds(),
        batch_id: null,
        status: "processed",
        speed_processed: "normal",
        speed_requested: "normal"
      }
      refunds.set(String(refund.id), refund)
      if (idempotencyKey !== null) refundsByKey.set(idempotencyKey, refund)
      Object.assign(payment, { amount_refunded: payment.amount, refund_status: "full", status: "refunded" })
      emit("refund.processed", { refund: { ...refund }, payment: { ...payment } })
      return refund
    },
    dispute: (ref: string, outcome: DisputeOutcome | undefined) => {
      const payment = need(capturedPayment(ref), `no captured payment for ${ref}`)
      let dispute = [...disputes.values()].find((d) => d.payment_id === payment.id)
      if (dispute === undefined) {
        dispute = {
          id: makeId("disp_"),
          entity: "dispute",
          payment_id: payment.id,
          amount: payment.amount,
          currency: payment.currency,
          amount_deducted: 0,
          reason_code: "chargeback",
          respond_by: nowSeconds() + 7 * 86_400,
          status: "open",
          phase: "chargeback",
          created_at: nowSeconds()
        }
        disputes.set(String(dispute.id), dispute)
        emit("payment.dispute.created", { payment: { ...payment }, dispute: { ...dispute } })
      }
      if (outcome !== undefined && dispute.status === "open") {
        dispute.status = outcome
        if (outcome === "lost") dispute.amount_deducted = dispute.amount
        emit(`payment.dispute.${outcome}`, { payment: { ...payment }, dispute: { ...dispute } })
      }
      return dispute
    }
  }
}
export type RazorpayState = ReturnType<typeof makeRazorpayState>
