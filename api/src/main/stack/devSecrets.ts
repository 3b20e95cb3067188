import { randomBytes } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"

/**
 * Secrets of the embedded default (sandbox gateway keys, webhook secrets, the session and platform keys).
 * Generated once per data directory and kept there, so a restart keeps sessions and webhook signatures
 * valid. Production sets real values in the environment instead.
 */
export interface DevSecrets {
  readonly sessionSecret: string
  readonly platformApiKey: string
  readonly stripeSecretKey: string
  readonly stripeWebhookSecret: string
  readonly razorpayKeyId: string
  readonly razorpayKeySecret: string
  readonly razorpayWebhookSecret: string
}

const token = (bytes: number) => randomBytes(bytes).toString("hex")

const generate = (): DevSecrets => ({
  sessionSecret: token(32),
  platformApiKey: `pk_dev_${token(16)}`,
  stripeSecretKey: `sk_test_sandbox_${token(12)}`,
  stripeWebhookSecret: `whsec_${token(24)}`,
  razorpayKeyId: `rzp_test_${token(7)}`,
  razorpayKeySecret: token(12),
  razorpayWebhookSecret: token(16)
})

export const loadDevSecrets = (dataDir: string): DevSecrets => {
  const file = join(dataDir, "dev-secrets.json")
  if (existsSync(file)) return { ...generate(), ...(JSON.parse(readFileSync(file, "utf8")) as DevSecrets) }
  const secrets = generate()
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 })
  return secrets
}
