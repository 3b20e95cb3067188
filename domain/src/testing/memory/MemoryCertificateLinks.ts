import { Layer } from "effect"
import { CertificateLinks } from "../../ports/CertificateLinks.ts"

export const layerMemory = Layer.succeed(
  CertificateLinks,
  CertificateLinks.of({
    verificationUrl: (id) => `https://certify.test/verify/${id}`,
    downloadUrl: (id) => `https://certify.test/certificates/${id}`,
    issuer: "Certify Test Academy"
  })
)
