import {
  Certificate,
  CertificateLedger,
  Certificates,
  CertificateVersion,
  certificateProjection,
  SubjectRef
} from "@certify/domain"
import { Effect, Layer, Option, Schema } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"
import { makeSubjectLog, projectUntilCurrent } from "./SubjectLog.ts"

// The stored document has no `versions`: they live in certificate_versions, one row per version.
const StoredCertificate = Certificate.mapFields((fields) => {
  const { versions: _versions, ...rest } = fields
  return rest
})
const decodeCertificate = decodeDocument(Schema.Struct(StoredCertificate.fields), "certificates")
const decodeVersion = decodeDocument(CertificateVersion, "certificate_versions")

export const layer = Layer.effect(
  Certificates,
  Effect.gen(function* () {
    const { Certificate: certificates, CertificateVersion: versions } = yield* modelsOf(
      "Certificate",
      "CertificateVersion"
    )
    const log = yield* makeSubjectLog
    const withVersions = (doc: Record<string, unknown> | null) =>
      Effect.gen(function* () {
        if (!doc) return Option.none<Certificate>()
        const stored = decodeCertificate(doc)
        const rows = yield* query(() =>
          versions
            .find({ certificateId: stored.certificateId })
            .sort({ version: 1 })
            .lean<Array<Record<string, unknown>>>()
            .exec()
        )
        return Option.some(new Certificate({ ...stored, versions: rows.map(decodeVersion) }))
      })
    const findOne = (filter: Record<string, unknown>) =>
      Effect.flatMap(
        query(() => certificates.findOne(filter).lean<Record<string, unknown>>().exec()),
        withVersions
      )
    return Certificates.of({
      create: (draft) =>
        Effect.gen(function* () {
          const { versions: _none, ...document } = encodeDocument(Certificate, draft, draft.certificateId)
          if (yield* insertUnique(certificates, document)) return { certificate: draft, created: true }
          const existing = yield* findOne({ entitlementId: draft.entitlementId })
          if (Option.isNone(existing))
            return yield* Effect.die(
              `certificate id ${draft.certificateId} collided with another entitlement's`
            )
          return { certificate: existing.value, created: false }
        }),
      find: (certificateId) => findOne({ _id: certificateId }),
      findByEntitlement: (entitlementId) => findOne({ entitlementId }),
      listByLearner: (learnerId) =>
        Effect.flatMap(
          query(() => certificates.find({ learnerId }).lean<Array<Record<string, unknown>>>().exec()),
          (docs) => Effect.map(Effect.forEach(docs, withVersions), (found) => found.flatMap(Option.toArray))
        ),
      recordVersion: (certificateId, version) =>
        Effect.asVoid(
          insertUnique(versions, {
            ...encodeDocument(CertificateVersion, version, `${certificateId}:v${version.version}`),
            certificateId
          })
        ),
      // Not atomic on FerretDB: repaired from the log while the log is ahead (SubjectLog.ts).
      project: (certificateId, projection) =>
        projectUntilCurrent(
          projection,
          (current) =>
            Effect.asVoid(
              query(() =>
                certificates
                  .updateOne(
                    { _id: certificateId, version: { $lt: current.version } },
                    { $set: { ...current } }
                  )
                  .exec()
              )
            ),
          (seq) => log.hasEntry(new SubjectRef({ type: "certificate", id: certificateId }), seq),
          Effect.map(log.replayed(CertificateLedger, certificateId), ({ state, version, last }) =>
            certificateProjection(state, version, last?.at)
          )
        )
    })
  })
)
