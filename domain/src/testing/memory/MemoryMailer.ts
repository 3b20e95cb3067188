import { Context, Effect, Layer } from "effect"
import { type CertificateEmail, Mailer } from "../../ports/Mailer.ts"

export class SentEmails extends Context.Service<
  SentEmails,
  { readonly all: Effect.Effect<ReadonlyArray<CertificateEmail>> }
>()("certify/domain/testing/SentEmails") {}

export const layerMemory = Layer.effectContext(
  Effect.sync(() => {
    const sent: Array<CertificateEmail> = []
    return Context.make(
      Mailer,
      Mailer.of({ sendCertificate: (email) => Effect.sync(() => void sent.push(email)) })
    ).pipe(Context.add(SentEmails, SentEmails.of({ all: Effect.sync(() => [...sent]) })))
  })
)
