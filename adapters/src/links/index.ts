import { layer } from "./PublicCertificateLinks.ts"

export * as PublicCertificateLinks from "./PublicCertificateLinks.ts"
export { DEFAULT_ISSUER, type LinksConfig, readLinksConfig } from "./PublicCertificateLinks.ts"

/** `CertificateLinks`: verify at `${publicBaseUrl}/verify/${id}`, download at `${publicBaseUrl}/certificates/${id}`. */
export const layerCertificateLinks = (options: { publicBaseUrl: string; issuer: string }) => layer(options)
