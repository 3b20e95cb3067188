import {
  type ArtifactFormat,
  CertificateRenderer,
  RendererUnavailable,
  RenderRejected,
  type RenderRequest
} from "@certify/domain"
import { Effect, Layer } from "effect"

export interface HttpRendererOptions {
  /** Base URL of the renderer service, e.g. `http://127.0.0.1:4100`. */
  readonly url: string
  /** Per request, connection included (default 15 s). */
  readonly timeoutMs?: number
  /** Called after each successful render, e.g. to feed a histogram (adapters do not import api/). */
  readonly onRendered?: (format: ArtifactFormat, seconds: number) => void
}

const DEFAULT_TIMEOUT_MS = 15_000

const reasonOf = async (response: Response) => {
  const text = await response.text().catch(() => "")
  try {
    const body = JSON.parse(text) as { error?: string; reason?: string }
    return `${response.status} ${body.error ?? ""}: ${body.reason ?? text}`.slice(0, 500)
  } catch {
    return `${response.status}: ${text}`.slice(0, 500)
  }
}

/**
 * One artifact from the renderer service. Connection failures, timeouts and 5xx (overloaded, internal)
 * are `RendererUnavailable`, which the job retries; a 4xx is the service refusing this input for good
 * (unsupported script, text too long, unknown template), `RenderRejected`, which goes to manual review.
 */
export const render = async (
  options: HttpRendererOptions,
  request: RenderRequest,
  format: ArtifactFormat
): Promise<Uint8Array> => {
  const started = performance.now()
  const response = await fetch(new URL("/render", options.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...request, format }),
    signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  }).catch((cause: unknown) => {
    throw new RendererUnavailable({ reason: `renderer unreachable at ${options.url}: ${String(cause)}` })
  })
  if (response.status >= 400 && response.status < 500)
    throw new RenderRejected({ reason: await reasonOf(response) })
  if (!response.ok) throw new RendererUnavailable({ reason: await reasonOf(response) })
  const bytes = await response.arrayBuffer().catch((cause: unknown) => {
    throw new RendererUnavailable({ reason: `renderer response cut short: ${String(cause)}` })
  })
  options.onRendered?.(format, (performance.now() - started) / 1000)
  return new Uint8Array(bytes)
}

export const layer = (options: HttpRendererOptions) =>
  Layer.succeed(
    CertificateRenderer,
    CertificateRenderer.of({
      render: Effect.fn("HttpCertificateRenderer.render")((request: RenderRequest, format: ArtifactFormat) =>
        Effect.tryPromise({
          try: () => render(options, request, format),
          catch: (error) =>
            error instanceof RenderRejected || error instanceof RendererUnavailable
              ? error
              : new RendererUnavailable({ reason: String(error) })
        })
      )
    })
  )
