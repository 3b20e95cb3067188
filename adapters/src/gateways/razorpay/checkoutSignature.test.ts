import { createHmac } from "node:crypto"
import { describe, expect, it } from "vitest"
import { type CheckoutCallback, checkoutSignatureValid } from "./checkoutSignature.ts"

const keySecret = "rzp_key_secret"
const storedOrderId = "order_DESlLckIVRkHWj"
// What Razorpay Checkout hands the page: HMAC-SHA256 of `order_id|payment_id` with the key secret, hex.
const signed = (orderId: string, paymentId: string, secret = keySecret) =>
  createHmac("sha256", secret).update(`${orderId}|${paymentId}`).digest("hex")
const callback = (overrides: Partial<CheckoutCallback> = {}): CheckoutCallback => ({
  razorpayOrderId: storedOrderId,
  razorpayPaymentId: "pay_DESlfW9H8K9uqM",
  razorpaySignature: signed(storedOrderId, "pay_DESlfW9H8K9uqM"),
  ...overrides
})

describe("the Checkout handler's razorpay_signature (a hint for the UI only)", () => {
  it("accepts Razorpay's signature over our stored order id", () => {
    expect(checkoutSignatureValid(storedOrderId, callback(), keySecret)).toBe(true)
  })

  it("refuses a callback for another order, even one signed correctly for that order", () => {
    const otherOrder = "order_SomeoneElses01"
    const forOther = callback({
      razorpayOrderId: otherOrder,
      razorpaySignature: signed(otherOrder, "pay_DESlfW9H8K9uqM")
    })
    expect(checkoutSignatureValid(storedOrderId, forOther, keySecret)).toBe(false)
    // The browser may claim our order id, but a signature over another order still does not match ours.
    const claimed = callback({ razorpaySignature: signed(otherOrder, "pay_DESlfW9H8K9uqM") })
    expect(checkoutSignatureValid(storedOrderId, claimed, keySecret)).toBe(false)
  })

  it("refuses a signature made with another secret", () => {
    const wrong = callback({ razorpaySignature: signed(storedOrderId, "pay_DESlfW9H8K9uqM", "not_ours") })
    expect(checkoutSignatureValid(storedOrderId, wrong, keySecret)).toBe(false)
  })

  it.each([
    ["a signature that is not hex", { razorpaySignature: "z".repeat(64) }],
    [
      "a truncated signature",
      { razorpaySignature: signed(storedOrderId, "pay_DESlfW9H8K9uqM").slice(0, 63) }
    ],
    ["an empty signature", { razorpaySignature: "" }],
    ["a payment id that is not Razorpay's", { razorpayPaymentId: "pay_x|order_y" }]
  ])("refuses %s", (_, overrides) => {
    expect(checkoutSignatureValid(storedOrderId, callback(overrides), keySecret)).toBe(false)
  })
})
