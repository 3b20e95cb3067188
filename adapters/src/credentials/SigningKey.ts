import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type JWK
} from "jose"

export const SIGNING_ALGORITHM = "EdDSA"
export const DEV_KEY_FILE = "credential-signing-key.pem"

/** Where the Ed25519 signing key comes from: `CREDENTIAL_SIGNING_KEY`, else a dev key under the data dir. */
export interface SigningKeySource {
  /** PKCS#8 PEM (`\n` escapes allowed) or a private JWK as JSON (`{"kty":"OKP","crv":"Ed25519","d":…,"x":…}`). */
  readonly key?: string | undefined
  /** Dev fallback: the key is generated once and kept in `<dataDir>/credential-signing-key.pem`. */
  readonly dataDir: string
}

/** `CREDENTIAL_SIGNING_KEY`, with the dev key kept under `dataDir` (the caller's `CERTIFY_DATA_DIR`). */
export const readSigningKeySource = (env: NodeJS.ProcessEnv, dataDir: string): SigningKeySource => ({
  key: env.CREDENTIAL_SIGNING_KEY || undefined,
  dataDir
})

export interface SigningKey {
  readonly privateKey: CryptoKey
  /** The public half only (`kty`, `crv`, `x`) with `kid`, `alg` and `use`: what the JWKS publishes. */
  readonly publicJwk: JWK
  readonly kid: string
  /** `configured` (from the environment), `dev-file` (read) or `dev-generated` (created now). */
  readonly origin: "configured" | "dev-file" | "dev-generated"
}

const fromPrivateKey = async (privateKey: CryptoKey, origin: SigningKey["origin"]): Promise<SigningKey> => {
  const { kty, crv, x } = await exportJWK(privateKey)
  if (kty !== "OKP" || crv !== "Ed25519" || x === undefined)
    throw new Error(`the credential signing key must be Ed25519, got ${kty}/${crv}`)
  const kid = await calculateJwkThumbprint({ kty, crv, x })
  return { privateKey, publicJwk: { kty, crv, x, kid, alg: SIGNING_ALGORITHM, use: "sig" }, kid, origin }
}

export const importSigningKey = async (raw: string, origin: SigningKey["origin"] = "configured") => {
  const text = raw.trim()
  if (text.startsWith("{")) {
    const jwk = JSON.parse(text) as JWK
    if (jwk.d === undefined)
      throw new Error("CREDENTIAL_SIGNING_KEY is a public JWK; the private key (d) is needed")
    const key = await importJWK({ ...jwk, ext: true }, SIGNING_ALGORITHM)
    if (key instanceof Uint8Array) throw new Error("CREDENTIAL_SIGNING_KEY must be an OKP key, not a secret")
    return fromPrivateKey(key, origin)
  }
  const pem = text.replace(/\\n/g, "\n")
  if (!pem.startsWith("-----BEGIN PRIVATE KEY-----"))
    throw new Error("CREDENTIAL_SIGNING_KEY must be a PKCS#8 PEM (BEGIN PRIVATE KEY) or a private JWK")
  return fromPrivateKey(await importPKCS8(pem, SIGNING_ALGORITHM, { extractable: true }), origin)
}

export const generateSigningKeyPem = async () => {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: "Ed25519", extractable: true })
  return exportPKCS8(privateKey)
}

/**
 * The configured key, or the dev key: generated once and persisted (mode 0600). The file is created
 * exclusively, so two processes starting together end up with the same key.
 */
export const loadSigningKeyFrom = async (source: SigningKeySource): Promise<SigningKey> => {
  if (source.key !== undefined) return importSigningKey(source.key, "configured")
  const path = join(source.dataDir, DEV_KEY_FILE)
  try {
    return await importSigningKey(readFileSync(path, "utf8"), "dev-file")
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error
  }
  mkdirSync(dirname(path), { recursive: true })
  try {
    writeFileSync(path, await generateSigningKeyPem(), { flag: "wx", mode: 0o600 })
    return await importSigningKey(readFileSync(path, "utf8"), "dev-generated")
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error
    return importSigningKey(readFileSync(path, "utf8"), "dev-file")
  }
}
