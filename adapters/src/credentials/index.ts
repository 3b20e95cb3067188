import { layer } from "./JwsCertificateCredentials.ts"
import { loadSigningKeyFrom, readSigningKeySource, type SigningKey } from "./SigningKey.ts"

export {
  CREDENTIAL_TYPE,
  jwksOf,
  signCredential,
  verifyCredential
} from "./JwsCertificateCredentials.ts"
export {
  DEV_KEY_FILE,
  generateSigningKeyPem,
  importSigningKey,
  SIGNING_ALGORITHM,
  type SigningKey
} from "./SigningKey.ts"

/** Ed25519 from `CREDENTIAL_SIGNING_KEY`, else a dev key generated once and kept in `dataDir`. */
export const loadSigningKey = (options: { env: NodeJS.ProcessEnv; dataDir: string }): Promise<SigningKey> =>
  loadSigningKeyFrom(readSigningKeySource(options.env, options.dataDir))

/** `CertificateCredentials` as compact JWS (EdDSA, `kid`), with the JWKS that verifies them offline. */
export const layerCertificateCredentials = layer
