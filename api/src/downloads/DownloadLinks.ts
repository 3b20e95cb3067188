import { createHmac, timingSafeEqual } from "node:crypto"

export type ArtifactFormat = "png" | "pdf"

export interface DownloadClaims {
  readonly certificateId: string
  readonly format: ArtifactFormat
  readonly learnerId: string
  /** Unix seconds. */
  readonly expiresAt: number
}

/** Short-lived signed download links, bound to one learner, one certificate and one format. */
export interface DownloadLinks {
  readonly create: (claims: Omit<DownloadClaims, "expiresAt">) => {
    readonly url: string
    readonly expiresAt: Date
  }
  /** The claims a token proves for this certificate and format, or undefined (bad, tampered or expired). */
  readonly verify: (
    token: string,
    certificateId: string,
    format: ArtifactFormat
  ) => DownloadClaims | undefined
}

/** Links never live longer than this, whatever the caller asks. */
export const MAX_LINK_SECONDS = 600

export const makeDownloadLinks = (options: {
  readonly secret: string
  readonly publicBaseUrl: string
  readonly ttlSeconds?: number
  readonly now?: () => number
}): DownloadLinks => {
  const ttl = Math.min(options.ttlSeconds ?? 300, MAX_LINK_SECONDS)
  const now = options.now ?? Date.now
  // Domain-separated from the session cookie MAC, which uses the same secret.
  const mac = (payload: string) =>
    createHmac("sha256", options.secret).update(`download:${payload}`).digest("base64url")
  const payloadOf = (c: DownloadClaims) => `${c.certificateId}|${c.format}|${c.learnerId}|${c.expiresAt}`
  return {
    create: ({ certificateId, format, learnerId }) => {
      const expiresAt = Math.floor(now() / 1000) + ttl
      const claims = { certificateId, format, learnerId, expiresAt }
      const token = `${Buffer.from(learnerId).toString("base64url")}.${expiresAt}.${mac(payloadOf(claims))}`
      const path = `/certificates/${encodeURIComponent(certificateId)}/${format}?token=${token}`
      return {
        url: `${options.publicBaseUrl.replace(/\/$/, "")}${path}`,
        expiresAt: new Date(expiresAt * 1000)
      }
    },
    verify: (token, certificateId, format) => {
      const [learner, expiry, given] = token.split(".")
      if (!learner || !expiry || !given || !/^\d{1,12}$/.test(expiry)) return undefined
      const claims = {
        certificateId,
        format,
        learnerId: Buffer.from(learner, "base64url").toString(),
        expiresAt: Number(expiry)
      }
      const expected = Buffer.from(mac(payloadOf(claims)))
      const actual = Buffer.from(given)
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined
      if (claims.expiresAt * 1000 <= now()) return undefined
      if (claims.expiresAt - now() / 1000 > MAX_LINK_SECONDS + 1) return undefined
      return claims
    }
  }
}
