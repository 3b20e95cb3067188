import { type HttpRendererOptions, layer } from "./HttpCertificateRenderer.ts"

export type { HttpRendererOptions } from "./HttpCertificateRenderer.ts"

/** `CertificateRenderer` over the renderer service's HTTP API (`POST /render`). */
export const layerHttpRenderer = (options: HttpRendererOptions) => layer(options)

/** `RENDERER_URL`, default the embedded renderer on 127.0.0.1:4100. */
export const readRendererUrl = (env: NodeJS.ProcessEnv) => env.RENDERER_URL || "http://127.0.0.1:4100"
