import { Effect, Layer } from "effect"
import { CertificateCredentials } from "../../ports/CertificateCredentials.ts"

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/** base64url without padding, written out because the domain has no Buffer or btoa. */
const base64Url = (bytes: Uint8Array) => {
  let out = ""
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6))
    for (let c = 0; c < chars; c++) out += alphabet[(n >> (18 - 6 * c)) & 63]
  }
  return out
}

const part = (value: unknown) => base64Url(new TextEncoder().encode(JSON.stringify(value)))

/** A JWS-shaped, unsigned stand-in: deterministic, so tests can compare it; never accepted by a verifier. */
export const layerMemory = Layer.succeed(
  CertificateCredentials,
  CertificateCredentials.of({
    sign: (claims) => Effect.succeed(`${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`),
    jwks: Effect.succeed({ keys: [{ kty: "OKP", crv: "Ed25519", kid: "memory", x: "AAAA" }] })
  })
)
