import { hmacHexMatches } from "../shared/values.ts"

export interface CheckoutCallback {
  readonly razorpayPaymentId: string
  readonly razorpayOrderId: string
  readonly razorpaySignature: string
}

/**
 * Checks the Checkout handler's `razorpay_signature`: HMAC-SHA256 of `order_id|payment_id` with the key
 * secret, over **our stored** order id (never the one the browser sent), in constant time.
 * A hint for the UI only: a valid one shows "processing"; nothing is granted from it.
 */
export const checkoutSignatureValid = (
  storedOrderId: string,
  callback: CheckoutCallback,
  keySecret: string
): boolean =>
  callback.razorpayOrderId === storedOrderId &&
  /^pay_[A-Za-z0-9]+$/.test(callback.razorpayPaymentId) &&
  hmacHexMatches(`${storedOrderId}|${callback.razorpayPaymentId}`, keySecret, callback.razorpaySignature)
