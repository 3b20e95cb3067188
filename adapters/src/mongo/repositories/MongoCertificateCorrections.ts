import { CertificateCorrections } from "@certify/domain"
import { Effect, Layer } from "effect"
import { modelsOf, query } from "../model.ts"

export const layer = Layer.effect(
  CertificateCorrections,
  Effect.gen(function* () {
    const { Certificate: certificates } = yield* modelsOf("Certificate")
    return CertificateCorrections.of({
      // Only the name the next rendering prints; rendered versions keep their own printedName.
      correctPrintedName: (certificateId, printedName) =>
        Effect.asVoid(
          query(() => certificates.updateOne({ _id: certificateId }, { $set: { printedName } }).exec())
        )
    })
  })
)
