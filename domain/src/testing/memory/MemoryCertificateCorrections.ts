import { Effect, Layer } from "effect"
import { CertificateCorrections } from "../../ports/CertificateCorrections.ts"

/** Records corrections for tests to inspect; the memory Certificates keep their printed name. */
export const layerMemory = Layer.sync(CertificateCorrections, () => {
  const corrections: Array<{ certificateId: string; printedName: string }> = []
  return CertificateCorrections.of({
    correctPrintedName: (certificateId, printedName) =>
      Effect.sync(() => void corrections.push({ certificateId, printedName }))
  })
})
