import { Effect, Layer, Option } from "effect"
import { Digest } from "effect/crypto"
import { StoredArtifact } from "../../model/Certificate.ts"
import { ArtifactStore } from "../../ports/ArtifactStore.ts"

export const layerMemory = Layer.effect(
  ArtifactStore,
  Effect.gen(function* () {
    const digest = yield* Digest.Digest
    const files = new Map<string, Uint8Array>()
    return ArtifactStore.of({
      put: (key, bytes, contentType) =>
        Effect.map(digest.digestHex(Digest.sha256, bytes), (sha256) => {
          files.set(key, bytes)
          return new StoredArtifact({ key, contentType, sha256, size: bytes.length })
        }),
      get: (key) => Effect.sync(() => Option.fromUndefinedOr(files.get(key)))
    })
  })
).pipe(Layer.provide(Digest.layerWebCrypto))
