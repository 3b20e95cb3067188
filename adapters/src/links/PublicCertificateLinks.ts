import { CertificateLinks } from "@certify/domain"
import { Layer } from "effect"

export const DEFAULT_ISSUER = "Certify Academy"

export interface LinksConfig {
  /** Where learners and verifiers reach the web app, e.g. `https://certificates.example.org`. */
  readonly publicBaseUrl: string
  /** The issuing organisation's name as printed on certificates. */
  readonly issuer: string
}

/** `PUBLIC_BASE_URL` (required unless a fallback is given) and `CERTIFICATE_ISSUER` ("Certify Academy"). */
export const readLinksConfig = (env: NodeJS.ProcessEnv, fallbackBaseUrl?: string): LinksConfig => {
  const raw = env.PUBLIC_BASE_URL || fallbackBaseUrl
  if (!raw) throw new Error("PUBLIC_BASE_URL is required (e.g. https://certificates.example.org)")
  return { publicBaseUrl: raw, issuer: env.CERTIFICATE_ISSUER || DEFAULT_ISSUER }
}

/** The public URLs printed on certificates (QR code) and sent in emails. */
export const make = (config: LinksConfig): CertificateLinks["Service"] => {
  const url = new URL(config.publicBaseUrl)
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new Error(`PUBLIC_BASE_URL must be an http(s) URL, got ${config.publicBaseUrl}`)
  const base = url.toString().replace(/\/+$/, "")
  return CertificateLinks.of({
    verificationUrl: (certificateId) => `${base}/verify/${certificateId}`,
    downloadUrl: (certificateId) => `${base}/certificates/${certificateId}`,
    issuer: config.issuer
  })
}

export const layer = (config: LinksConfig) => Layer.succeed(CertificateLinks, make(config))
