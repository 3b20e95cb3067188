import { createHash } from "node:crypto"
import {
  ArtifactStore,
  CertificateId,
  CertificateRenderer,
  downloadOfBytes,
  EntitlementId,
  IdGenerator,
  IntentId,
  Mailer,
  MailUnavailable,
  RendererUnavailable,
  StoredArtifact
} from "@certify/domain"
import { Effect, Layer, Option, Schema } from "effect"
import { Digest } from "effect/crypto"

/**
 * SHA-256 computed synchronously. WebCrypto's digest is asynchronous: a result landing between two
 * interleaved fibers would make the interleaving depend on the thread pool, not on the seed.
 */
export const layerSyncDigest = Layer.succeed(
  Digest.Digest,
  Digest.Digest.of({
    digest: (algorithm, data) =>
      Effect.sync(
        () => new Uint8Array(createHash(algorithm.name.replace("-", "").toLowerCase()).update(data).digest())
      ),
    digestHex: (algorithm, data) =>
      Effect.sync(() => createHash(algorithm.name.replace("-", "").toLowerCase()).update(data).digest("hex"))
  })
)

/** Artifacts in memory, hashed synchronously (see `layerSyncDigest`); GridFS or one document per artifact in production. */
export const layerArtifacts = Layer.sync(ArtifactStore, () => {
  const files = new Map<string, Uint8Array>()
  return ArtifactStore.of({
    put: (key, bytes, contentType) =>
      Effect.sync(() => {
        files.set(key, bytes)
        const sha256 = createHash("sha256").update(bytes).digest("hex")
        return new StoredArtifact({ key, contentType, sha256, size: bytes.length })
      }),
    get: (key) => Effect.sync(() => Option.fromUndefinedOr(files.get(key))),
    stream: (key) => Effect.sync(() => Option.map(Option.fromUndefinedOr(files.get(key)), downloadOfBytes))
  })
})

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const certificateIdOf = (n: number) => {
  let digits = ""
  for (let i = 0, rest = n; i < 16; i++, rest = Math.floor(rest / 32)) digits = crockford[rest % 32] + digits
  return Schema.decodeUnknownSync(CertificateId)(digits.match(/.{4}/g)?.join("-") ?? digits)
}

/** Sequential ids in the scenario's namespace, so scenarios can share one database. */
export const layerIds = (prefix: string, namespace: number) =>
  Layer.sync(IdGenerator, () => {
    let counter = 0
    return IdGenerator.of({
      intentId: Effect.sync(() => Schema.decodeUnknownSync(IntentId)(`${prefix}int_${++counter}`)),
      entitlementId: Effect.sync(() => Schema.decodeUnknownSync(EntitlementId)(`${prefix}ent_${++counter}`)),
      certificateId: Effect.sync(() => certificateIdOf(namespace * 10_000 + ++counter))
    })
  })

/** Renderer and SMTP outages: the next n calls fail as the real adapters report an unreachable service. */
export class DeliveryFaults {
  renderer = 0
  smtp = 0

  heal() {
    this.renderer = 0
    this.smtp = 0
  }

  /** Wraps the in-memory renderer and mailer; provide on top of them. */
  readonly layer = Layer.mergeAll(
    Layer.effect(
      CertificateRenderer,
      CertificateRenderer.useSync((inner) =>
        CertificateRenderer.of({
          render: (request, format) =>
            Effect.suspend(() => {
              if (this.renderer <= 0) return inner.render(request, format)
              this.renderer--
              return Effect.fail(new RendererUnavailable({ reason: "renderer down (simulated)" }))
            })
        })
      )
    ),
    Layer.effect(
      Mailer,
      Mailer.useSync((inner) =>
        Mailer.of({
          sendCertificate: (email) =>
            Effect.suspend(() => {
              if (this.smtp <= 0) return inner.sendCertificate(email)
              this.smtp--
              return Effect.fail(new MailUnavailable({ reason: "SMTP server down (simulated)" }))
            })
        })
      )
    )
  )
}
