import { Effect, Layer, Option } from "effect"
import { Digest } from "effect/crypto"
import { StoredArtifact } from "../../model/Certificate.ts"
import { ArtifactStore, downloadOfBytes, MAX_ARTIFACT_BYTES } from "../../ports/ArtifactStore.ts"

/** Like the live stores: the first write under a key wins, and an oversized file is a defect. */
export const layerMemory = Layer.effect(
  ArtifactStore,
  Effect.gen(function* () {
    const digest = yield* Digest.Digest
    const files = new Map<string, { readonly bytes: Uint8Array; readonly artifact: StoredArtifact }>()
    return ArtifactStore.of({
      put: (key, bytes, contentType) =>
        bytes.length > MAX_ARTIFACT_BYTES
          ? Effect.die(
              new Error(`artifact ${key} is ${bytes.length} bytes, over the ${MAX_ARTIFACT_BYTES}-byte limit`)
            )
          : Effect.map(digest.digestHex(Digest.sha256, bytes), (sha256) => {
              const stored = files.get(key)
              if (stored !== undefined) return stored.artifact
              const artifact = new StoredArtifact({ key, contentType, sha256, size: bytes.length })
              files.set(key, { bytes: bytes.slice(), artifact })
              return artifact
            }),
      get: (key) => Effect.sync(() => Option.map(Option.fromUndefinedOr(files.get(key)), (f) => f.bytes)),
      stream: (key) =>
        Effect.sync(() => Option.map(Option.fromUndefinedOr(files.get(key)), (f) => downloadOfBytes(f.bytes)))
    })
  })
).pipe(Layer.provide(Digest.layerWebCrypto))
