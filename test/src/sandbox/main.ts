import { startSandboxGateways } from "./startSandboxGateways.ts"

// The dev stack's gateways: `node test/src/sandbox/main.ts`, configured like the app (same secrets).
const env = process.env
const required = (name: string, fallback: string) => env[name]?.split(",")[0]?.trim() || fallback

const sandbox = await startSandboxGateways({
  port: Number(env.SANDBOX_PORT ?? 4200),
  host: env.SANDBOX_HOST ?? "127.0.0.1",
  seed: Number(env.SANDBOX_SEED ?? 1),
  stripe: {
    secretKey: required("STRIPE_SECRET_KEY", "sk_test_sandbox"),
    webhookSecret: required("STRIPE_WEBHOOK_SECRETS", "whsec_sandbox"),
    webhookUrl: env.STRIPE_WEBHOOK_URL
  },
  razorpay: {
    keyId: required("RAZORPAY_KEY_ID", "rzp_test_sandbox"),
    keySecret: required("RAZORPAY_KEY_SECRET", "sandbox_secret"),
    webhookSecret: required("RAZORPAY_WEBHOOK_SECRETS", "sandbox_webhook_secret"),
    webhookUrl: env.RAZORPAY_WEBHOOK_URL
  }
})
console.log(JSON.stringify({ level: "info", msg: "sandbox gateways listening", url: sandbox.url }))
console.log(sandbox.url)

const stop = () => {
  void sandbox.close().then(() => process.exit(0))
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
