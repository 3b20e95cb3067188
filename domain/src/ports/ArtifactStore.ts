import { Context, type Effect, type Option, Stream } from "effect"
import type { StoredArtifact } from "../model/Certificate.ts"

/** Every store refuses a larger file, so the choice of store never changes what can be issued (~100 KiB each). */
export const MAX_ARTIFACT_BYTES = 15 * 1024 * 1024

/** A stored file ready to send: its recorded size (a Content-Length) and its bytes, read as they are consumed. */
export interface ArtifactDownload {
  readonly size: number
  readonly chunks: Stream.Stream<Uint8Array>
}

/** A file already in memory, as one chunk. */
export const downloadOfBytes = (bytes: Uint8Array): ArtifactDownload => ({
  size: bytes.length,
  chunks: Stream.succeed(bytes)
})

/**
 * Certificate files. Keys are deterministic and the first write under a key wins: a retried or concurrent
 * put stores nothing new and answers with what is stored, so a certificate's recorded hash always
 * describes the bytes a download sends.
 */
export class ArtifactStore extends Context.Service<
  ArtifactStore,
  {
    readonly put: (key: string, bytes: Uint8Array, contentType: string) => Effect.Effect<StoredArtifact>
    readonly get: (key: string) => Effect.Effect<Option.Option<Uint8Array>>
    /** For downloads: the file is found (or not) before anything is sent, then streamed. */
    readonly stream: (key: string) => Effect.Effect<Option.Option<ArtifactDownload>>
  }
>()("certify/domain/ports/ArtifactStore") {}
