import { createHash } from "node:crypto"
import { ArtifactStore, type Certificate, certificateMessageId } from "@certify/domain"
import { clickBuy, deliverEvent, snapshotOf } from "@certify/domain/testing"
import { Effect, Option } from "effect"
import type { Pipeline } from "./harness.ts"
import { type MimePart, messageHeaders, mimeParts } from "./mimeParts.ts"
import type { ReceivedMail } from "./smtpSink.ts"

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

/** A learner buys a course's certificate and the gateway's signed "succeeded" webhook lands in the inbox. */
export const buyAndPay = (pipeline: Pipeline, learner: string, course: string, eventId: string) =>
  pipeline.runtime.runPromise(
    Effect.gen(function* () {
      const started = yield* clickBuy(learner, course, "stripe")
      yield* deliverEvent({
        gateway: "stripe",
        eventId,
        kind: "payment_succeeded",
        paymentId: started.paymentId
      })
      return started
    })
  )

export const certificateOf = (pipeline: Pipeline, learner: string, course: string) =>
  pipeline.runtime.runPromise(snapshotOf(learner, course)).then((s) => s.certificate)

export const storedBytes = (pipeline: Pipeline, key: string) =>
  pipeline.runtime.runPromise(ArtifactStore.use((store) => store.get(key))).then(Option.getOrThrow)

const attachment = (parts: ReadonlyArray<MimePart>, contentType: string) =>
  parts.find((p) => (p.headers["content-type"] ?? "").startsWith(contentType))

/** What a learner's mailbox shows for one certificate email. */
export const readCertificateMail = (mail: ReceivedMail) => {
  const parts = mimeParts(mail.raw)
  return {
    to: mail.to,
    messageId: messageHeaders(mail.raw)["message-id"],
    pdf: attachment(parts, "application/pdf")?.body,
    png: attachment(parts, "image/png")?.body,
    text: attachment(parts, "text/plain")?.body.toString("utf8") ?? ""
  }
}

export const expectedMessageId = (certificate: Certificate, version = 1) =>
  certificateMessageId(certificate.certificateId, version)
