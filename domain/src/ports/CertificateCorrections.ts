import { Context, type Effect } from "effect"
import type { CertificateId } from "../model/Ids.ts"

/**
 * Corrections an operator makes before a reissue. The certificate's `printedName` is what the next
 * rendering prints; versions already rendered keep the name they printed.
 */
export class CertificateCorrections extends Context.Service<
  CertificateCorrections,
  {
    readonly correctPrintedName: (certificateId: CertificateId, printedName: string) => Effect.Effect<void>
  }
>()("certify/domain/ports/CertificateCorrections") {}
