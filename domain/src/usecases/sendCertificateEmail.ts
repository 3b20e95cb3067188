import { Effect, Option } from "effect"
import { MailUnavailable } from "../errors/DeliveryErrors.ts"
import { CertificateNotFound } from "../errors/LedgerErrors.ts"
import { currentState } from "../ledger/commitTransition.ts"
import { CertificateLedger } from "../ledger/subjects.ts"
import type { CertificateId } from "../model/Ids.ts"
import { ArtifactStore } from "../ports/ArtifactStore.ts"
import { Catalog } from "../ports/Catalog.ts"
import { CertificateLinks } from "../ports/CertificateLinks.ts"
import { Certificates } from "../ports/Certificates.ts"
import { Clock } from "../ports/Clock.ts"
import { EmailDeliveries } from "../ports/EmailDeliveries.ts"
import { Mailer } from "../ports/Mailer.ts"
import { ManualReview, ReviewItem } from "../ports/ManualReview.ts"

/** How long a claimed send may stay unconfirmed before another worker takes it over. */
export const EMAIL_LEASE_MILLIS = 60_000

export const emailKey = (certificateId: string, version: number) => `${certificateId}:v${version}`
export const certificateMessageId = (certificateId: string, version: number) =>
  `<certificate-${certificateId}-v${version}@certify.local>`

/**
 * Emails an issued certificate version once. The claim is taken before talking to SMTP; a crash
 * after the send and before `markSent` can cause one duplicate, with the same Message-ID.
 */
export const sendCertificateEmail = Effect.fn("sendCertificateEmail")(function* (
  certificateId: CertificateId,
  version: number
) {
  const certificate = yield* Effect.flatMap(
    Certificates.use((c) => c.find(certificateId)),
    Option.match({
      onNone: () => Effect.fail(new CertificateNotFound()),
      onSome: Effect.succeed
    })
  )
  const { state } = yield* currentState(CertificateLedger, certificateId)
  if (state._tag !== "Issued" || state.version !== version) return `skipped: certificate is ${state._tag}`
  const rendition = certificate.versions.find((v) => v.version === version)
  const learner = yield* Catalog.use((catalog) => catalog.learner(certificate.learnerId))
  if (rendition === undefined || Option.isNone(learner))
    return yield* Effect.die(`certificate ${certificateId} v${version} has no artifacts or learner`)

  const deliveries = yield* EmailDeliveries
  const clock = yield* Clock
  const key = emailKey(certificateId, version)
  const now = yield* clock.now
  const claim = yield* deliveries.claim(key, now, EMAIL_LEASE_MILLIS)
  if (claim._tag === "AlreadySent") return "already sent"
  if (claim._tag === "InProgress")
    // Not done: another worker holds the send, or held it and crashed. Failing makes the job retry, and
    // once the lease has lapsed the retry takes the send over (with the same Message-ID).
    return yield* new MailUnavailable({
      reason: `send in progress elsewhere since ${claim.claimedAt.toISOString()}; retry after the lease`,
      retryAfterMillis: Math.max(0, claim.claimedAt.getTime() + EMAIL_LEASE_MILLIS - now.getTime()) + 1_000
    })

  const store = yield* ArtifactStore
  const pdf = yield* Effect.map(store.get(rendition.pdf.key), Option.getOrThrow)
  const png = yield* Effect.map(store.get(rendition.png.key), Option.getOrThrow)
  const links = yield* CertificateLinks
  yield* Mailer.use((mailer) =>
    mailer.sendCertificate({
      messageId: certificateMessageId(certificateId, version),
      to: learner.value.email,
      learnerName: certificate.printedName,
      courseTitle: certificate.courseTitle,
      certificateId,
      verificationUrl: links.verificationUrl(certificateId),
      downloadUrl: links.downloadUrl(certificateId),
      pdf,
      png
    })
  ).pipe(
    Effect.tapError((error) =>
      Effect.flatMap(clock.now, (now) =>
        Effect.andThen(
          deliveries.markFailed(key, claim.generation, error.reason, error._tag === "MailRejected", now),
          error._tag === "MailRejected"
            ? ManualReview.use((review) =>
                review.flag(
                  new ReviewItem({
                    subjectId: certificateId,
                    reason: "mail_rejected",
                    details: error.reason,
                    flaggedAt: now
                  })
                )
              )
            : Effect.void
        )
      )
    )
  )
  yield* deliveries.markSent(key, claim.generation, yield* clock.now)
  return "sent"
})
