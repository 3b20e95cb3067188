import { readGatewayConfig } from "@certify/adapters/gateways"
import { CheckoutRequest, type Gateway, Money } from "@certify/domain"
import { Schema } from "effect"
import { type SandboxOptions, startSandboxGateways } from "../../sandbox/startSandboxGateways.ts"

export const secrets = {
  stripeSecretKey: "sk_test_sandbox_fixture",
  stripeWebhookSecret: "whsec_fixture_current",
  stripeOldWebhookSecret: "whsec_fixture_previous",
  razorpayKeyId: "rzp_test_Fixture01",
  razorpayKeySecret: "fixture_key_secret",
  razorpayWebhookSecret: "fixture_webhook_current",
  razorpayOldWebhookSecret: "fixture_webhook_previous"
} as const

export const startSandbox = (
  webhooks: { stripe?: string; razorpay?: string } = {},
  extra: Partial<SandboxOptions> = {}
) =>
  startSandboxGateways({
    port: 0,
    seed: 7,
    stripe: {
      secretKey: secrets.stripeSecretKey,
      webhookSecret: secrets.stripeWebhookSecret,
      webhookUrl: webhooks.stripe
    },
    razorpay: {
      keyId: secrets.razorpayKeyId,
      keySecret: secrets.razorpayKeySecret,
      webhookSecret: secrets.razorpayWebhookSecret,
      webhookUrl: webhooks.razorpay
    },
    ...extra
  })

/** The app's gateway configuration pointed at a sandbox, as the dev stack's environment would set it. */
export const configFor = (sandboxUrl: string, env: Record<string, string> = {}) =>
  readGatewayConfig({
    PUBLIC_BASE_URL: "http://127.0.0.1:3999",
    STRIPE_SECRET_KEY: secrets.stripeSecretKey,
    STRIPE_WEBHOOK_SECRETS: `${secrets.stripeWebhookSecret},${secrets.stripeOldWebhookSecret}`,
    STRIPE_API_URL: sandboxUrl,
    RAZORPAY_KEY_ID: secrets.razorpayKeyId,
    RAZORPAY_KEY_SECRET: secrets.razorpayKeySecret,
    RAZORPAY_WEBHOOK_SECRETS: `${secrets.razorpayWebhookSecret},${secrets.razorpayOldWebhookSecret}`,
    RAZORPAY_API_URL: `${sandboxUrl}/razorpay`,
    RAZORPAY_CHECKOUT_SCRIPT_URL: `${sandboxUrl}/razorpay/checkout.js`,
    GATEWAY_TIMEOUT_MS: "2000",
    GATEWAY_RETRY_BASE_DELAY_MS: "5",
    GATEWAY_BREAKER_THRESHOLD: "3",
    GATEWAY_BREAKER_COOLDOWN_MS: "60000",
    ...env
  })

let counter = 0
export const checkoutRequest = (gateway: Gateway, paymentId = `pay-${gateway}-${Date.now()}-${++counter}`) =>
  Schema.decodeUnknownSync(CheckoutRequest)({
    paymentId,
    intentId: `intent-${paymentId}`,
    gateway,
    amount:
      gateway === "stripe"
        ? new Money({ amount: 4900, currency: "USD" })
        : new Money({ amount: 99900, currency: "INR" }),
    learnerId: "ada",
    learnerEmail: "ada@example.org",
    courseId: "ts-101",
    courseTitle: "TypeScript Foundations"
  })
