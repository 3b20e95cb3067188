import { createHash } from "node:crypto"
import { ArtifactStore, MAX_ARTIFACT_BYTES } from "@certify/domain"
import { assert, layer } from "@effect/vitest"
import { Effect, Exit, type Layer, Option, Stream } from "effect"

const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")
/** 600 kB: more than one GridFS chunk (255 KiB). */
const fileOf = (seed: number) => new Uint8Array(600_000).map((_, i) => (i * 31 + seed) % 251)
const keyOf = (name: string) => `certificates/${Math.random().toString(36).slice(2, 10)}/${name}`

const streamed = (key: string) =>
  Effect.gen(function* () {
    const download = Option.getOrThrow(yield* ArtifactStore.use((store) => store.stream(key)))
    const chunks = yield* Stream.runCollect(download.chunks)
    return { size: download.size, bytes: Buffer.concat(chunks) }
  })

/** What every `ArtifactStore` promises, run against the in-memory and each live adapter. */
export const artifactStoreContract = (name: string, stores: Layer.Layer<ArtifactStore, unknown>) =>
  layer(stores, { timeout: 30_000 })(`ArtifactStore contract: ${name}`, (it) => {
    it.effect("records the SHA-256 and size, and reads and streams the same bytes back", () =>
      Effect.gen(function* () {
        const store = yield* ArtifactStore
        const key = keyOf("v1.pdf")
        const bytes = fileOf(1)
        const stored = yield* store.put(key, bytes, "application/pdf")
        assert.deepStrictEqual(
          [stored.key, stored.contentType, stored.sha256, stored.size],
          [key, "application/pdf", sha256Hex(bytes), bytes.length]
        )
        assert.isTrue(Buffer.from(Option.getOrThrow(yield* store.get(key))).equals(bytes))
        const download = yield* streamed(key)
        assert.strictEqual(download.size, bytes.length)
        assert.isTrue(download.bytes.equals(bytes))
        assert.isTrue(Option.isNone(yield* store.get(keyOf("none"))))
        assert.isTrue(Option.isNone(yield* store.stream(keyOf("none"))))
      })
    )

    it.effect("the first write under a key wins; a later put answers with what is stored", () =>
      Effect.gen(function* () {
        const store = yield* ArtifactStore
        const key = keyOf("v1.png")
        const first = yield* store.put(key, fileOf(2), "image/png")
        const later = yield* store.put(key, fileOf(3), "image/png")
        assert.deepStrictEqual(later, first)
        assert.strictEqual(sha256Hex(Option.getOrThrow(yield* store.get(key))), first.sha256)
      })
    )

    it.effect("concurrent puts of different bytes all answer with the one file stored", () =>
      Effect.gen(function* () {
        const store = yield* ArtifactStore
        const key = keyOf("v2.png")
        const answers = yield* Effect.all(
          [4, 5, 6, 7].map((seed) => store.put(key, fileOf(seed), "image/png")),
          { concurrency: "unbounded" }
        )
        assert.strictEqual(new Set(answers.map((a) => a.sha256)).size, 1)
        assert.strictEqual(sha256Hex((yield* streamed(key)).bytes), answers[0]?.sha256)
      })
    )

    it.effect("refuses a file over the limit, storing nothing", () =>
      Effect.gen(function* () {
        const store = yield* ArtifactStore
        const key = keyOf("huge.pdf")
        const exit = yield* Effect.exit(
          store.put(key, new Uint8Array(MAX_ARTIFACT_BYTES + 1), "application/pdf")
        )
        assert.isTrue(Exit.isFailure(exit))
        assert.include(String(exit), "over the")
        assert.isTrue(Option.isNone(yield* store.get(key)))
      })
    )
  })
