import { Effect, Option, Schema } from "effect"
import { CertificateNotFound } from "../errors/LedgerErrors.ts"
import { currentState } from "../ledger/commitTransition.ts"
import { CertificateLedger } from "../ledger/subjects.ts"
import { CertificateId } from "../model/Ids.ts"
import { CertificateLinks } from "../ports/CertificateLinks.ts"
import { Certificates } from "../ports/Certificates.ts"

export interface PublicCertificate {
  readonly certificateId: string
  readonly printedName: string
  readonly courseTitle: string
  readonly completedOn: string
  readonly issuer: string
  readonly status: "valid" | "revoked" | "pending"
  readonly issuedAt: Date | undefined
  readonly revokedAt: Date | undefined
  readonly version: number
  /** Earlier versions replaced by a reissue (e.g. a name correction). */
  readonly supersededVersions: ReadonlyArray<number>
  readonly pdfSha256: string | undefined
  readonly pngSha256: string | undefined
}

/**
 * What anyone holding the id may see: no email, no internal ids. A malformed id and an unknown id
 * get the same answer, so ids cannot be probed. Status comes from the log, not the projection.
 */
export const verifyCertificate = Effect.fn("verifyCertificate")(function* (rawId: string) {
  const certificateId = yield* Schema.decodeUnknownEffect(CertificateId)(rawId.toUpperCase()).pipe(
    Effect.mapError(() => new CertificateNotFound())
  )
  const certificate = yield* Effect.flatMap(
    Certificates.use((c) => c.find(certificateId)),
    Option.match({
      onNone: () => Effect.fail(new CertificateNotFound()),
      onSome: Effect.succeed
    })
  )
  const { state, history } = yield* currentState(CertificateLedger, certificateId)
  if (state._tag === "None") return yield* new CertificateNotFound()
  const rendition = certificate.versions.find((v) => v.version === state.version)
  const revokedAt = state._tag === "Revoked" ? history.at(-1)?.at : undefined
  const links = yield* CertificateLinks
  return {
    certificateId,
    printedName: rendition?.printedName ?? certificate.printedName,
    courseTitle: certificate.courseTitle,
    completedOn: certificate.completedOn,
    issuer: links.issuer,
    status: state._tag === "Issued" ? "valid" : state._tag === "Revoked" ? "revoked" : "pending",
    issuedAt: rendition?.issuedAt,
    revokedAt,
    version: state.version,
    supersededVersions: certificate.versions.map((v) => v.version).filter((v) => v < state.version),
    pdfSha256: rendition?.pdf.sha256,
    pngSha256: rendition?.png.sha256
  } satisfies PublicCertificate
})
