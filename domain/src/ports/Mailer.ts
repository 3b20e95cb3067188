import { Context, type Effect } from "effect"
import type { MailRejected, MailUnavailable } from "../errors/DeliveryErrors.ts"

export interface CertificateEmail {
  /** Deterministic per certificate and version, so a resend after a crash is recognisably the same mail. */
  readonly messageId: string
  readonly to: string
  readonly learnerName: string
  readonly courseTitle: string
  readonly certificateId: string
  readonly verificationUrl: string
  readonly downloadUrl: string
  readonly pdf: Uint8Array
  readonly png: Uint8Array
}

export class Mailer extends Context.Service<
  Mailer,
  {
    readonly sendCertificate: (email: CertificateEmail) => Effect.Effect<void, MailUnavailable | MailRejected>
  }
>()("certify/domain/ports/Mailer") {}
