import { Context, type Effect, type Option } from "effect"
import type { Certificate, CertificateStatus, CertificateVersion } from "../model/Certificate.ts"
import type { CertificateId, EntitlementId, LearnerId } from "../model/Ids.ts"

export interface CertificateProjection {
  readonly status: CertificateStatus
  readonly currentVersion: number
  readonly attempts: number
  readonly version: number
  readonly revokedAt?: Date
}

/** Unique on the certificate id and on the entitlement id: one entitlement, one certificate, ever. */
export class Certificates extends Context.Service<
  Certificates,
  {
    readonly create: (
      draft: Certificate
    ) => Effect.Effect<{ readonly certificate: Certificate; readonly created: boolean }>
    readonly find: (certificateId: CertificateId) => Effect.Effect<Option.Option<Certificate>>
    readonly findByEntitlement: (entitlementId: EntitlementId) => Effect.Effect<Option.Option<Certificate>>
    readonly listByLearner: (learnerId: LearnerId) => Effect.Effect<ReadonlyArray<Certificate>>
    /** Records a rendered version's artifacts; the same version twice is a no-op. */
    readonly recordVersion: (certificateId: CertificateId, version: CertificateVersion) => Effect.Effect<void>
    readonly project: (certificateId: CertificateId, projection: CertificateProjection) => Effect.Effect<void>
  }
>()("certify/domain/ports/Certificates") {}
