import { createHmac } from "node:crypto"
import { amountLabel, checkoutPage } from "../http/checkoutPage.ts"
import { escapeHtml } from "../http/httpTools.ts"
import type { RazorpayState } from "./razorpayState.ts"

export type PageAnswer = { readonly html: string }

// What Checkout posts to `callback_url` in redirect mode, as an auto-submitting form.
const postTo = (url: string, fields: Record<string, string>) => `<!doctype html>
<html><body><form id="callback" method="post" action="${escapeHtml(url)}">${Object.entries(fields)
  .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
  .join("")}<noscript><button type="submit">Continue</button></noscript></form>
<script>document.getElementById("callback").submit()</script></body></html>`

/**
 * The page `checkout.js` opens: Pay signs `order_id|payment_id` with the key secret and posts it to the
 * merchant's callback_url; Cancel posts the error Checkout reports; Decline stays to retry.
 */
export const razorpayHostedCheckout = (state: RazorpayState, keySecret: string) => {
  const page = (
    orderId: string,
    params: URLSearchParams,
    notice?: { id: string; text: string }
  ): PageAnswer => {
    const order = state.orders.get(orderId)
    const callbackUrl = params.get("callback_url") ?? ""
    return {
      html: checkoutPage({
        title: `${params.get("name") ?? "Razorpay"} (Razorpay sandbox)`,
        amountLabel: order ? amountLabel(order.amount, order.currency) : "",
        description: params.get("description") ?? "",
        action: `/razorpay/checkout/${encodeURIComponent(orderId)}`,
        hidden: {
          callback_url: callbackUrl,
          name: params.get("name") ?? "",
          description: params.get("description") ?? ""
        },
        ...(notice ? { notice } : {}),
        ...(order === undefined
          ? { closed: "No such order." }
          : order.status === "paid"
            ? { closed: "This order is already paid." }
            : {})
      })
    }
  }
  return {
    page,
    act: (orderId: string, action: string, params: URLSearchParams): PageAnswer => {
      const order = state.orders.get(orderId)
      const callbackUrl = params.get("callback_url") ?? ""
      if (order === undefined || order.status === "paid" || !/^https?:\/\//.test(callbackUrl))
        return page(orderId, params)
      if (action === "pay") {
        const payment = state.pay(orderId)
        const signature = createHmac("sha256", keySecret)
          .update(`${orderId}|${String(payment.id)}`)
          .digest("hex")
        return {
          html: postTo(callbackUrl, {
            razorpay_payment_id: String(payment.id),
            razorpay_order_id: orderId,
            razorpay_signature: signature
          })
        }
      }
      if (action === "decline") {
        state.decline(orderId)
        return page(orderId, params, {
          id: "payment-declined",
          text: "Payment failed: the card was declined. Try again or cancel."
        })
      }
      return {
        html: postTo(callbackUrl, {
          "error[code]": "BAD_REQUEST_ERROR",
          "error[description]": "Payment processing cancelled by user",
          "error[reason]": "payment_cancelled",
          "error[metadata]": JSON.stringify({ order_id: orderId })
        })
      }
    }
  }
}

/** A `checkout.js` that opens the sandbox page in redirect mode (`callback_url`), which real Checkout also supports. */
export const razorpayCheckoutScript = (origin: string) => `(function () {
  "use strict";
  function Razorpay(options) {
    if (!(this instanceof Razorpay)) return new Razorpay(options);
    this.options = options || {};
  }
  Razorpay.prototype.open = function () {
    var o = this.options;
    var q = new URLSearchParams({
      key_id: o.key || "",
      callback_url: o.callback_url || window.location.href,
      name: o.name || "",
      description: o.description || ""
    });
    window.location.assign(${JSON.stringify(origin)} + "/razorpay/checkout/" + encodeURIComponent(o.order_id || "") + "?" + q.toString());
  };
  Razorpay.prototype.on = function () { return this; };
  Razorpay.prototype.close = function () {};
  window.Razorpay = Razorpay;
})();
`
