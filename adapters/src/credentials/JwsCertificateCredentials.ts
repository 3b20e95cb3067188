import { CertificateCredentials, type CredentialClaims, canonicalJson } from "@certify/domain"
import { Effect, Layer } from "effect"
import { CompactSign, compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose"
import { SIGNING_ALGORITHM, type SigningKey } from "./SigningKey.ts"

/** The JWS `typ`: a verifier can tell a Certify credential from any other token signed by the same key. */
export const CREDENTIAL_TYPE = "certify-credential+jws"

/**
 * The payload is the claims as canonical JSON (sorted keys), so the same claims always sign to the same
 * bytes, and Ed25519 signatures are deterministic: a re-sign after a retry gives the identical JWS.
 */
export const signCredential = async (key: SigningKey, claims: CredentialClaims): Promise<string> =>
  new CompactSign(new TextEncoder().encode(canonicalJson(claims)))
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: CREDENTIAL_TYPE })
    .sign(key.privateKey)

export const jwksOf = (key: SigningKey): JSONWebKeySet => ({ keys: [{ ...key.publicJwk }] })

/** Offline verification: only the JWKS is needed. Rejects a tampered payload, a wrong key or another `typ`. */
export const verifyCredential = async (jws: string, jwks: JSONWebKeySet): Promise<CredentialClaims> => {
  const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwks), {
    algorithms: [SIGNING_ALGORITHM]
  })
  if (protectedHeader.typ !== CREDENTIAL_TYPE)
    throw new Error(`not a certificate credential: ${protectedHeader.typ}`)
  return JSON.parse(new TextDecoder().decode(payload)) as CredentialClaims
}

export const layer = (key: SigningKey) =>
  Layer.succeed(
    CertificateCredentials,
    CertificateCredentials.of({
      sign: (claims) => Effect.promise(() => signCredential(key, claims)),
      jwks: Effect.sync(() => jwksOf(key) as { keys: ReadonlyArray<Record<string, unknown>> })
    })
  )
