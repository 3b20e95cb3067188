import { Mailer, MailRejected, MailUnavailable } from "@certify/domain"
import { Effect, Layer } from "effect"
import { createTransport } from "nodemailer"
import { certificateMessage } from "./certificateMessage.ts"
import type { MailConfig } from "./MailConfig.ts"

interface SmtpError {
  readonly code?: string
  readonly responseCode?: number
  readonly message?: string
}

/**
 * A 5xx reply to the envelope or the message is permanent (unknown recipient, rejected content):
 * `MailRejected`, recorded and shown to ops. Everything else — no connection, timeouts, 4xx greylisting,
 * and also a failed login (535), which is our configuration and not the learner's — is
 * `MailUnavailable`, which the job retries.
 */
export const classifySmtpError = (error: unknown): MailRejected | MailUnavailable => {
  const e = (typeof error === "object" && error !== null ? error : {}) as SmtpError
  const reason = `${e.code ?? "ERROR"}${e.responseCode ? ` ${e.responseCode}` : ""}: ${e.message ?? String(error)}`
  const permanent =
    e.code !== "EAUTH" && e.responseCode !== undefined && e.responseCode >= 500 && e.responseCode < 600
  return permanent ? new MailRejected({ reason }) : new MailUnavailable({ reason })
}

export const layer = (config: MailConfig) =>
  Layer.effect(
    Mailer,
    Effect.acquireRelease(
      Effect.sync(() =>
        createTransport({
          host: config.host,
          port: config.port,
          secure: config.secure,
          ...(config.user === undefined ? {} : { auth: { user: config.user, pass: config.pass ?? "" } }),
          connectionTimeout: config.timeoutMs,
          greetingTimeout: config.timeoutMs,
          socketTimeout: config.timeoutMs,
          dnsTimeout: config.timeoutMs
        })
      ),
      (transport) => Effect.sync(() => transport.close())
    ).pipe(
      Effect.map((transport) =>
        Mailer.of({
          sendCertificate: Effect.fn("SmtpMailer.sendCertificate")((email) =>
            Effect.tryPromise({
              try: () => transport.sendMail(certificateMessage(email, config.from)),
              catch: classifySmtpError
            }).pipe(Effect.asVoid)
          )
        })
      )
    )
  )
