import { Context, type Effect, type Option } from "effect"
import type { StoredArtifact } from "../model/Certificate.ts"

/** Certificate files. Keys are deterministic, so a retried put stores the same bytes under the same key. */
export class ArtifactStore extends Context.Service<
  ArtifactStore,
  {
    readonly put: (key: string, bytes: Uint8Array, contentType: string) => Effect.Effect<StoredArtifact>
    readonly get: (key: string) => Effect.Effect<Option.Option<Uint8Array>>
  }
>()("certify/domain/ports/ArtifactStore") {}
