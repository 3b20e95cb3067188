import { Context, type Effect } from "effect"

/** The certificate's canonical data, as signed: what an offline verifier checks. */
export interface CredentialClaims {
  readonly certificateId: string
  readonly version: number
  readonly learnerName: string
  readonly courseTitle: string
  readonly issuedAt: string
  readonly issuer: string
  readonly verificationUrl: string
  readonly pdfSha256: string
}

/** Signed, offline-verifiable credentials (Ed25519) and the public keys to check them. */
export class CertificateCredentials extends Context.Service<
  CertificateCredentials,
  {
    /** A compact JWS over the claims. Deterministic for the same claims and key. */
    readonly sign: (claims: CredentialClaims) => Effect.Effect<string>
    /** The public keys as a JWKS document, served at `/.well-known/jwks.json`. */
    readonly jwks: Effect.Effect<{ readonly keys: ReadonlyArray<Record<string, unknown>> }>
  }
>()("certify/domain/ports/CertificateCredentials") {}
