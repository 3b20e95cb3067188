import { Effect, Layer } from "effect"
import { canonicalJson } from "../../audit/canonicalJson.ts"
import { CertificateRenderer } from "../../ports/CertificateRenderer.ts"

/** Deterministic stand-in: the "artifact" is the request's canonical JSON, tagged with the format. */
export const layerMemory = Layer.succeed(
  CertificateRenderer,
  CertificateRenderer.of({
    render: (request, format) =>
      Effect.sync(() => new TextEncoder().encode(`${format}:${canonicalJson(request)}`))
  })
)
