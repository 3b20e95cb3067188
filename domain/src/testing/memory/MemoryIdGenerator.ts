import { Effect, Layer, Schema } from "effect"
import { CertificateId, EntitlementId, IntentId } from "../../model/Ids.ts"
import { IdGenerator } from "../../ports/IdGenerator.ts"

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/** Sequential ids: readable in test failures. Production ids come from a CSPRNG adapter. */
export const layerMemory = Layer.sync(IdGenerator, () => {
  let counter = 0
  const next = () => ++counter
  const certificate = (n: number) => {
    let digits = ""
    for (let i = 0, rest = n; i < 16; i++, rest = Math.floor(rest / 32))
      digits = crockford[rest % 32] + digits
    return digits.match(/.{4}/g)?.join("-") ?? digits
  }
  return IdGenerator.of({
    intentId: Effect.sync(() => Schema.decodeUnknownSync(IntentId)(`int_${next()}`)),
    entitlementId: Effect.sync(() => Schema.decodeUnknownSync(EntitlementId)(`ent_${next()}`)),
    certificateId: Effect.sync(() => Schema.decodeUnknownSync(CertificateId)(certificate(next())))
  })
})
