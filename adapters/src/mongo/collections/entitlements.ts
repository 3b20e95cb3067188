import { Schema } from "mongoose"

export const entitlementSchema = new Schema(
  {
    _id: { type: String, required: true },
    entitlementId: { type: String, required: true },
    learnerId: { type: String, required: true },
    courseId: { type: String, required: true },
    kind: { type: String, required: true },
    paymentId: { type: String, required: true },
    status: { type: String, required: true },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true }
  },
  { versionKey: false, strict: "throw", collection: "entitlements" }
)
entitlementSchema.index({ learnerId: 1, courseId: 1, kind: 1 }, { unique: true, name: "entitlement_unique" })

const artifact = {
  key: { type: String, required: true },
  contentType: { type: String, required: true },
  sha256: { type: String, required: true },
  size: { type: Number, required: true }
}

export const certificateSchema = new Schema(
  {
    _id: { type: String, required: true },
    certificateId: { type: String, required: true },
    entitlementId: { type: String, required: true },
    learnerId: { type: String, required: true },
    courseId: { type: String, required: true },
    printedName: { type: String, required: true },
    courseTitle: { type: String, required: true },
    completedOn: { type: String, required: true },
    templateId: { type: String, required: true },
    templateVersion: { type: Number, required: true },
    status: { type: String, required: true },
    currentVersion: { type: Number, required: true },
    attempts: { type: Number, required: true },
    revokedAt: Date,
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true }
  },
  { versionKey: false, strict: "throw", collection: "certificates" }
)
certificateSchema.index({ certificateId: 1 }, { unique: true, name: "certificate_id_unique" })
certificateSchema.index({ entitlementId: 1 }, { unique: true, name: "certificate_per_entitlement_unique" })
certificateSchema.index({ learnerId: 1 }, { name: "certificate_learner" })

/**
 * Rendered versions, one row each: a conditional `$push` onto the certificate is not atomic on
 * FerretDB, a unique insert is. _id = `certificateId:v<version>`.
 */
export const certificateVersionSchema = new Schema(
  {
    _id: { type: String, required: true },
    certificateId: { type: String, required: true },
    version: { type: Number, required: true },
    printedName: { type: String, required: true },
    templateId: { type: String, required: true },
    templateVersion: { type: Number, required: true },
    png: { type: artifact, required: true, _id: false },
    pdf: { type: artifact, required: true, _id: false },
    issuedAt: { type: Date, required: true }
  },
  { versionKey: false, strict: "throw", collection: "certificate_versions" }
)
certificateVersionSchema.index(
  { certificateId: 1, version: 1 },
  { unique: true, name: "certificate_version_unique" }
)
