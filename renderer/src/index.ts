export { isRenderError, RenderError, type RenderErrorCode } from "./errors.ts"
export {
  type CertificateInput,
  FORMATS,
  type Format,
  LIMITS,
  parseCertificateInput,
  parseRenderRequest,
  type RenderRequest
} from "./input.ts"
export {
  type Artifact,
  CONTENT_TYPES,
  prepareCertificate,
  type RenderedCertificate,
  renderArtifact,
  renderCertificate,
  sha256Hex
} from "./render/certificate.ts"
export type { CertificateLayout, PlacedText } from "./render/layout.ts"
export { type RendererServer, type RendererServerOptions, startRendererServer } from "./server/http.ts"
export { listTemplates } from "./templates/registry.ts"
