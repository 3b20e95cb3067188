import { describe, expect, it } from "vitest"
import { startRecordingServer } from "../testing/recordingServer.ts"
import {
  asRazorpayFailure,
  isRazorpayAlreadyRefunded,
  makeRazorpayClient,
  razorpayFailures
} from "./razorpayClient.ts"

describe("the Razorpay SDK's HTTP client, configured in one place", () => {
  it("points the SDK's axios instance at the configured base URL with a timeout", () => {
    const client = makeRazorpayClient({
      keyId: "rzp_test_x",
      keySecret: "s",
      apiUrl: new URL("http://127.0.0.1:4200/razorpay/"),
      timeoutMs: 1234
    })
    const http = (client.sdk.api as unknown as { rq: { defaults: { baseURL: string; timeout: number } } }).rq
    expect(http.defaults.baseURL).toBe("http://127.0.0.1:4200/razorpay")
    expect(http.defaults.timeout).toBe(1234)
  })

  it("turns a refused connection into a transient failure instead of the SDK's TypeError", async () => {
    const client = makeRazorpayClient({
      keyId: "rzp_test_x",
      keySecret: "s",
      apiUrl: new URL("http://127.0.0.1:9"),
      timeoutMs: 1000
    })
    const error = await client.sdk.orders.fetch("order_x").catch((e: unknown) => e)
    expect(asRazorpayFailure(error)?.statusCode).toBe(0)
    expect(razorpayFailures.isTransient(error)).toBe(true)
    expect(razorpayFailures.describe(error)).toMatch(/no response/)
  })

  it("sends a refund through the same HTTP client with the X-Refund-Idempotency header", async () => {
    let refunds = 0
    const server = await startRecordingServer(() =>
      ++refunds === 1
        ? { status: 200, body: { id: "rfnd_1", entity: "refund" } }
        : {
            status: 400,
            body: {
              error: { code: "BAD_REQUEST_ERROR", description: "The payment has been fully refunded already" }
            }
          }
    )
    try {
      const client = makeRazorpayClient({
        keyId: "rzp_test_x",
        keySecret: "s",
        apiUrl: new URL(`${server.url.origin}/razorpay`),
        timeoutMs: 1000
      })
      expect(await client.refundPayment("pay_1", "certify-refund-k", { receipt: "r" })).toEqual({
        id: "rfnd_1",
        entity: "refund"
      })
      const [first] = server.requests
      expect(first?.method).toBe("POST")
      expect(first?.path).toBe("/razorpay/v1/payments/pay_1/refund")
      expect(first?.headers["x-refund-idempotency"]).toBe("certify-refund-k")
      expect(first?.headers.authorization).toBe(`Basic ${Buffer.from("rzp_test_x:s").toString("base64")}`)
      expect(JSON.parse(first?.body ?? "")).toEqual({ receipt: "r" })
      // A refusal rejects as the SDK's own calls do, so one classifier reads both.
      const refused = await client.refundPayment("pay_1", "certify-refund-k", {}).catch((e: unknown) => e)
      expect(asRazorpayFailure(refused)?.statusCode).toBe(400)
      expect(isRazorpayAlreadyRefunded(refused)).toBe(true)
      expect(razorpayFailures.isTransient(refused)).toBe(false)
    } finally {
      await server.close()
    }
  })

  it("turns a refund's refused connection into a transient failure", async () => {
    const client = makeRazorpayClient({
      keyId: "rzp_test_x",
      keySecret: "s",
      apiUrl: new URL("http://127.0.0.1:9"),
      timeoutMs: 1000
    })
    const error = await client.refundPayment("pay_1", "k", {}).catch((e: unknown) => e)
    expect(asRazorpayFailure(error)?.statusCode).toBe(0)
    expect(razorpayFailures.isTransient(error)).toBe(true)
  })
})
