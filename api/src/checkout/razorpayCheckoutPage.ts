import type { RazorpaySettings } from "@certify/adapters/gateways"
import type { Payment } from "@certify/domain"

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c
  )
// JSON inside <script>: `<` escaped so no value can close the tag.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c")

/**
 * The page that opens Razorpay Checkout for a payment's order, in redirect mode: Razorpay posts the
 * outcome to `callbackUrl`, which only sends the learner back to the purchase page.
 */
export const razorpayCheckoutPage = (
  payment: Payment,
  orderId: string,
  settings: RazorpaySettings,
  callbackUrl: string
) => {
  const options = {
    key: settings.keyId,
    order_id: orderId,
    amount: payment.amount.amount,
    currency: payment.amount.currency,
    name: settings.merchantName,
    description: `Certificate for ${payment.courseId}`,
    callback_url: callbackUrl,
    redirect: true,
    notes: { payment_id: payment.paymentId }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pay with Razorpay</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Opening Razorpay…</h1>
<p>If nothing happens, <button id="razorpay-open" type="button">Pay with Razorpay</button></p>
<p><a id="razorpay-back" href="${escapeHtml(callbackUrl)}?cancelled=1">Back to your purchase</a></p></main>
<script src="${escapeHtml(settings.checkoutScriptUrl)}"></script>
<script>
(function () {
  var options = ${scriptJson(options)};
  function open() { new window.Razorpay(options).open(); }
  document.getElementById("razorpay-open").addEventListener("click", open);
  if (window.Razorpay) open();
})();
</script></body></html>`
}
