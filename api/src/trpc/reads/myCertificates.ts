import { CertificateId, CertificateLinks, Certificates, LearnerId } from "@certify/domain"
import { Effect, Option, Schema } from "effect"
import { linkedInUrl } from "../../verify/linkedInUrl.ts"
import type { MyCertificateView } from "../views.ts"

/** A learner's certificate by id, or undefined for someone else's, a missing or a malformed id. */
export const ownedCertificate = (learnerId: string, rawCertificateId: string) =>
  Effect.gen(function* () {
    const id = Schema.decodeUnknownOption(CertificateId)(rawCertificateId.toUpperCase())
    if (Option.isNone(id)) return undefined
    const certificate = Option.getOrUndefined(yield* Certificates.use((c) => c.find(id.value)))
    return certificate?.learnerId === learnerId ? certificate : undefined
  })

export const myCertificates = (learnerId: string) =>
  Effect.gen(function* () {
    const id = Schema.decodeUnknownOption(LearnerId)(learnerId)
    if (Option.isNone(id)) return []
    const certificates = yield* Certificates.use((c) => c.listByLearner(id.value))
    const links = yield* CertificateLinks
    return certificates.map((c): MyCertificateView => {
      const current = c.versions.find((v) => v.version === c.currentVersion)
      const verificationUrl = links.verificationUrl(c.certificateId)
      return {
        certificateId: c.certificateId,
        version: c.currentVersion,
        courseTitle: c.courseTitle,
        issuedAt: current?.issuedAt.toISOString() ?? null,
        status: c.status,
        verificationUrl,
        linkedInUrl: linkedInUrl({
          courseTitle: c.courseTitle,
          issuer: links.issuer,
          issuedAt: current?.issuedAt,
          certificateId: c.certificateId,
          verificationUrl
        })
      }
    })
  })
