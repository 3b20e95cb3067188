import { Effect, Option } from "effect"
import { EntitlementNotFound } from "../errors/LedgerErrors.ts"
import { currentState } from "../ledger/commitTransition.ts"
import {
  CertificateLedger,
  EntitlementLedger,
  type TransitionCause,
  transitionCertificate
} from "../ledger/subjects.ts"
import { type Certificate, CertificateVersion } from "../model/Certificate.ts"
import type { EntitlementId } from "../model/Ids.ts"
import { ArtifactStore } from "../ports/ArtifactStore.ts"
import { CertificateLinks } from "../ports/CertificateLinks.ts"
import { CertificateRenderer, RenderRequest } from "../ports/CertificateRenderer.ts"
import { Certificates } from "../ports/Certificates.ts"
import { Clock } from "../ports/Clock.ts"
import { EmailDeliveries } from "../ports/EmailDeliveries.ts"
import { JobQueue } from "../ports/JobQueue.ts"
import { ManualReview, ReviewItem } from "../ports/ManualReview.ts"
import { emailKey } from "./sendCertificateEmail.ts"

export const artifactKey = (certificateId: string, version: number, format: "png" | "pdf") =>
  `certificates/${certificateId}/v${version}.${format}`

export const renderRequestFor = (certificate: Certificate, links: CertificateLinks["Service"]) =>
  new RenderRequest({
    learnerName: certificate.printedName,
    courseTitle: certificate.courseTitle,
    completionDate: certificate.completedOn,
    certificateId: certificate.certificateId,
    verificationUrl: links.verificationUrl(certificate.certificateId),
    issuer: links.issuer,
    templateId: certificate.templateId,
    templateVersion: certificate.templateVersion,
    // Neither the learner nor the completion carries a locale yet, so the renderer picks fonts by script
    // alone: Han in a Japanese name is drawn with the Simplified Chinese font (see renderer's cjkFamily).
    locale: "en"
  })

/**
 * Renders, stores and issues an entitlement's certificate. Rendering is deterministic and keys are
 * per (certificate, version), so a retry or a second worker writes the same bytes to the same place.
 * A renderer outage is recorded as a failed attempt and retried; a rejected input goes to review.
 */
export const issueCertificate = Effect.fn("issueCertificate")(function* (
  entitlementId: EntitlementId,
  by: TransitionCause
) {
  const certificates = yield* Certificates
  const certificate = yield* Effect.flatMap(
    certificates.findByEntitlement(entitlementId),
    Option.match({
      onNone: () => Effect.fail(new EntitlementNotFound({ reference: entitlementId })),
      onSome: Effect.succeed
    })
  )
  const certificateId = certificate.certificateId
  const { state: entitlementState } = yield* currentState(EntitlementLedger, entitlementId)
  if (entitlementState === "revoked") {
    yield* transitionCertificate(
      certificateId,
      { _tag: "CertificateRevoked", reason: "entitlement revoked" },
      by
    )
    return "revoked"
  }
  const { state } = yield* currentState(CertificateLedger, certificateId)
  if (state._tag === "Issued") {
    // A no-op on the log that re-projects: a crash right after the issuing append left the document pending.
    yield* transitionCertificate(
      certificateId,
      {
        _tag: "CertificateIssued",
        version: state.version,
        pngSha256: state.pngSha256,
        pdfSha256: state.pdfSha256
      },
      by
    )
    // The issuing run enqueued the email; this covers a crash before it, unless the email went out.
    if (!(yield* EmailDeliveries.use((d) => d.wasSent(emailKey(certificateId, state.version)))))
      yield* JobQueue.use((jobs) =>
        jobs.enqueue({ _tag: "SendCertificateEmail", certificateId, version: state.version })
      )
    return "already issued"
  }
  if (state._tag !== "Pending") return `not pending (${state._tag})`

  const request = renderRequestFor(certificate, yield* CertificateLinks)
  const renderer = yield* CertificateRenderer
  const rendered = yield* Effect.all([renderer.render(request, "png"), renderer.render(request, "pdf")]).pipe(
    Effect.tapError((error) =>
      transitionCertificate(
        certificateId,
        { _tag: "CertificateRenderFailed", error: `${error._tag}: ${error.reason}` },
        by
      )
    ),
    Effect.catchTag("RenderRejected", (error) =>
      Effect.flatMap(
        Clock.use((clock) => clock.now),
        (now) =>
          ManualReview.use((review) =>
            review.flag(
              new ReviewItem({
                subjectId: certificateId,
                reason: "render_rejected",
                details: error.reason,
                flaggedAt: now
              })
            )
          )
      ).pipe(Effect.as(undefined))
    )
  )
  if (rendered === undefined) return "rejected: flagged for review"
  const [png, pdf] = rendered
  const store = yield* ArtifactStore
  const pngArtifact = yield* store.put(artifactKey(certificateId, state.version, "png"), png, "image/png")
  const pdfArtifact = yield* store.put(
    artifactKey(certificateId, state.version, "pdf"),
    pdf,
    "application/pdf"
  )
  yield* certificates.recordVersion(
    certificateId,
    new CertificateVersion({
      version: state.version,
      printedName: certificate.printedName,
      templateId: certificate.templateId,
      templateVersion: certificate.templateVersion,
      png: pngArtifact,
      pdf: pdfArtifact,
      issuedAt: yield* Clock.use((clock) => clock.now)
    })
  )
  yield* transitionCertificate(
    certificateId,
    {
      _tag: "CertificateIssued",
      version: state.version,
      pngSha256: pngArtifact.sha256,
      pdfSha256: pdfArtifact.sha256
    },
    by
  )
  yield* JobQueue.use((jobs) =>
    jobs.enqueue({ _tag: "SendCertificateEmail", certificateId, version: state.version })
  )
  return "issued"
})
