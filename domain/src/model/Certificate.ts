import { Schema } from "effect"
import { CalendarDate, PrintedName } from "./Catalog.ts"
import { CertificateId, CourseId, EntitlementId, LearnerId } from "./Ids.ts"

export const CertificateStatus = Schema.Literals(["pending", "issued", "revoked"])
export type CertificateStatus = typeof CertificateStatus.Type

export class StoredArtifact extends Schema.Class<StoredArtifact>("StoredArtifact")({
  key: Schema.String,
  contentType: Schema.String,
  sha256: Schema.String,
  size: Schema.Int
}) {}

/** One rendering of a certificate. A re-render (name correction) is a new version of the same id. */
export class CertificateVersion extends Schema.Class<CertificateVersion>("CertificateVersion")({
  version: Schema.Int,
  printedName: PrintedName,
  templateId: Schema.String,
  templateVersion: Schema.Int,
  png: StoredArtifact,
  pdf: StoredArtifact,
  issuedAt: Schema.Date
}) {}

/** One entitlement gets one certificate, ever. `status` is a projection of its transition log. */
export class Certificate extends Schema.Class<Certificate>("Certificate")({
  certificateId: CertificateId,
  entitlementId: EntitlementId,
  learnerId: LearnerId,
  courseId: CourseId,
  printedName: PrintedName,
  courseTitle: Schema.String,
  completedOn: CalendarDate,
  templateId: Schema.String,
  templateVersion: Schema.Int,
  status: CertificateStatus,
  currentVersion: Schema.Int,
  attempts: Schema.Int,
  versions: Schema.Array(CertificateVersion),
  revokedAt: Schema.optionalKey(Schema.Date),
  version: Schema.Int,
  createdAt: Schema.Date
}) {}
