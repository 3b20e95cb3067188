import { randomBytes } from "node:crypto"
import { CertificateId, EntitlementId, IdGenerator, IntentId } from "@certify/domain"
import { Effect, Layer, Schema } from "effect"

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
export const CERTIFICATE_ID_BITS = 80

/** 80 random bits as 16 Crockford base32 characters (5 bits each), grouped by four: `7KQ2-M9XD-1F4H-ZC8N`. */
export const randomCertificateId = (): CertificateId => {
  const bytes = randomBytes(CERTIFICATE_ID_BITS / 8)
  let bits = 0n
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte)
  let digits = ""
  for (let i = 0; i < CERTIFICATE_ID_BITS / 5; i++) {
    digits = CROCKFORD[Number(bits & 31n)] + digits
    bits >>= 5n
  }
  return Schema.decodeUnknownSync(CertificateId)(digits.match(/.{4}/g)?.join("-"))
}

/** 128 random bits, URL-safe (base64url), behind a readable prefix. */
const randomToken = (prefix: string) => `${prefix}_${randomBytes(16).toString("base64url")}`

export const randomIntentId = (): IntentId => Schema.decodeUnknownSync(IntentId)(randomToken("int"))
export const randomEntitlementId = (): EntitlementId =>
  Schema.decodeUnknownSync(EntitlementId)(randomToken("ent"))

/** Ids from the operating system's CSPRNG (`node:crypto`). */
export const layer = Layer.succeed(
  IdGenerator,
  IdGenerator.of({
    intentId: Effect.sync(randomIntentId),
    entitlementId: Effect.sync(randomEntitlementId),
    certificateId: Effect.sync(randomCertificateId)
  })
)
