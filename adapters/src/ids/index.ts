import { layer } from "./CryptoIdGenerator.ts"

export * as CryptoIdGenerator from "./CryptoIdGenerator.ts"
export {
  CERTIFICATE_ID_BITS,
  randomCertificateId,
  randomEntitlementId,
  randomIntentId
} from "./CryptoIdGenerator.ts"

/** `IdGenerator` from the operating system's CSPRNG: 80-bit Crockford base32 certificate ids. */
export const layerCryptoIdGenerator = layer
