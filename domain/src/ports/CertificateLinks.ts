import { Context } from "effect"
import type { CertificateId } from "../model/Ids.ts"

/** Public URLs printed on certificates and sent in emails. */
export class CertificateLinks extends Context.Service<
  CertificateLinks,
  {
    readonly verificationUrl: (certificateId: CertificateId) => string
    readonly downloadUrl: (certificateId: CertificateId) => string
    readonly issuer: string
  }
>()("certify/domain/ports/CertificateLinks") {}
