import { describe, expect, it } from "vitest"
import type { ApiRequest } from "../http/ApiExchange.ts"
import { makeIds, seededRandom } from "../http/random.ts"
import { makeRazorpayApi } from "./razorpayApi.ts"
import { makeRazorpayState, type RazorpayEntity } from "./razorpayState.ts"

const keyId = "rzp_test_Sandbox01"
const keySecret = "sandbox_secret"
const authorization = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString("base64")}`

const sandbox = () => {
  const emitted: Array<string> = []
  const state = makeRazorpayState({
    makeId: makeIds(seededRandom(3)),
    nowSeconds: () => 1_700_000_000,
    emit: (event) => emitted.push(event)
  })
  const api = makeRazorpayApi({ state, keyId, keySecret })
  const order = state.createOrder({ amount: 99900, currency: "INR", receipt: "pay-1", notes: {} })
  const payment = state.pay(String(order.id))
  const refund = (
    headers: Record<string, string> = {},
    body: RazorpayEntity = { receipt: "refund-pay-1" }
  ) => {
    const request: ApiRequest = {
      method: "POST",
      path: `/v1/payments/${String(payment.id)}/refund`,
      query: new URLSearchParams(),
      body: JSON.stringify(body),
      headers: { authorization, ...headers }
    }
    return api(request)
  }
  const refundsProcessed = () => emitted.filter((e) => e === "refund.processed").length
  return { state, refund, refundsProcessed }
}

const idOf = (body: unknown) => (body as RazorpayEntity).id

describe("the Razorpay sandbox's refunds honour X-Refund-Idempotency", () => {
  it("answers the same key with the same refund, whatever the body says", () => {
    const { refund, refundsProcessed, state } = sandbox()
    const first = refund({ "x-refund-idempotency": "certify-refund-pay-1" })
    const again = refund({ "x-refund-idempotency": "certify-refund-pay-1" }, { receipt: "another-label" })
    expect(first.status).toBe(200)
    expect(again.status).toBe(200)
    expect(idOf(again.body)).toBe(idOf(first.body))
    expect(state.refunds.size).toBe(1)
    expect(refundsProcessed()).toBe(1)
  })

  it("treats every call without a key as a new refund request, even with the same receipt", () => {
    const { refund, refundsProcessed } = sandbox()
    expect(refund().status).toBe(200)
    const second = refund()
    expect(second.status).toBe(400)
    expect(JSON.stringify(second.body)).toMatch(/fully refunded already/)
    expect(refundsProcessed()).toBe(1)
  })

  it("refuses a key reused for another payment", () => {
    const { refund, state } = sandbox()
    refund({ "x-refund-idempotency": "reused" })
    const order = state.createOrder({ amount: 99900, currency: "INR", receipt: "pay-2", notes: {} })
    const other = state.pay(String(order.id))
    const api = makeRazorpayApi({ state, keyId, keySecret })
    const answer = api({
      method: "POST",
      path: `/v1/payments/${String(other.id)}/refund`,
      query: new URLSearchParams(),
      body: "{}",
      headers: { authorization, "x-refund-idempotency": "reused" }
    })
    expect(answer.status).toBe(400)
    expect(other.refund_status).toBeNull()
  })
})
