import type { MailConfig } from "./MailConfig.ts"
import { layer } from "./SmtpMailer.ts"

export { PNG_CONTENT_ID } from "./certificateMessage.ts"
export { type MailConfig, readMailConfig } from "./MailConfig.ts"
export { classifySmtpError } from "./SmtpMailer.ts"

/** `Mailer` over real SMTP with nodemailer; the Message-ID is the email's deterministic `messageId`. */
export const layerSmtpMailer = (config: MailConfig) => layer(config)
