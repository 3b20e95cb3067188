/** SMTP settings. The defaults reach the embedded maildev on 127.0.0.1:1025. */
export interface MailConfig {
  readonly host: string
  readonly port: number
  /** Implicit TLS (port 465). Otherwise STARTTLS is used when the server offers it. */
  readonly secure: boolean
  readonly user?: string
  readonly pass?: string
  /** The sender, e.g. `Certify <certificates@example.org>`. */
  readonly from: string
  /** Connection, greeting and socket inactivity limits, in milliseconds. */
  readonly timeoutMs: number
}

const DEFAULT_FROM = "Certify <certificates@certify.local>"

export const readMailConfig = (env: NodeJS.ProcessEnv): MailConfig => {
  const port = Number(env.SMTP_PORT || "1025")
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`SMTP_PORT must be a port number, got ${env.SMTP_PORT}`)
  const timeoutMs = Number(env.SMTP_TIMEOUT_MS || "10000")
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new Error(`SMTP_TIMEOUT_MS must be a positive number, got ${env.SMTP_TIMEOUT_MS}`)
  return {
    host: env.SMTP_HOST || "127.0.0.1",
    port,
    secure: env.SMTP_SECURE === "true" || env.SMTP_SECURE === "1",
    ...(env.SMTP_USER ? { user: env.SMTP_USER } : {}),
    ...(env.SMTP_PASS ? { pass: env.SMTP_PASS } : {}),
    from: env.MAIL_FROM || DEFAULT_FROM,
    timeoutMs
  }
}
