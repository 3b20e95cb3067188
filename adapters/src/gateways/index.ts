// Stripe and Razorpay behind the domain's `PaymentGateways` port, and their webhook verification.

export {
  configuredGateways,
  type GatewayConfig,
  GatewayConfigError,
  type RazorpaySettings,
  type ResilienceSettings,
  readGatewayConfig,
  type StripeSettings
} from "./config/GatewayConfig.ts"
export { layerPaymentGateways, makeGatewayAdapters, makePaymentGateways } from "./layer.ts"
export { type CheckoutCallback, checkoutSignatureValid } from "./razorpay/checkoutSignature.ts"
export { razorpayCheckoutUrl, razorpayReceipt } from "./razorpay/razorpayAdapter.ts"
export { normalizeRazorpayEvent, razorpayHandledEventTypes } from "./razorpay/razorpayEvents.ts"
export { type RazorpayWebhookInput, verifyRazorpayWebhook } from "./razorpay/verifyRazorpayWebhook.ts"
export { type Availability, type GatewayPolicy, makeGatewayPolicy } from "./resilience/gatewayPolicy.ts"
export type { GatewayAdapter } from "./shared/GatewayAdapter.ts"
export type { WebhookRejection, WebhookVerdict } from "./shared/webhookVerdict.ts"
export { checkoutIdempotencyKey, refundIdempotencyKey } from "./stripe/stripeAdapter.ts"
export { normalizeStripeEvent, stripeHandledEventTypes } from "./stripe/stripeEvents.ts"
export { type StripeWebhookInput, verifyStripeWebhook } from "./stripe/verifyStripeWebhook.ts"
export { type IncomingHeaders, keptHeaders, verifyGatewayWebhook } from "./webhooks/verifyGatewayWebhook.ts"
