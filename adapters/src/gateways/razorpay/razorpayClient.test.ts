import { describe, expect, it } from "vitest"
import { asRazorpayFailure, makeRazorpayClient, razorpayFailures } from "./razorpayClient.ts"

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
})
