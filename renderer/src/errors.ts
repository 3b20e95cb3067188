/** Error codes the renderer answers with; every one maps to a 4xx HTTP status, except Internal. */
export type RenderErrorCode =
  | "InvalidJson"
  | "UnsupportedMediaType"
  | "PayloadTooLarge"
  | "InvalidInput"
  | "UnknownTemplate"
  | "UnknownFormat"
  | "UnsupportedScript"
  | "TextTooLong"
  | "NotFound"
  | "MethodNotAllowed"
  | "Overloaded"
  | "Internal"

const STATUS: Record<RenderErrorCode, number> = {
  InvalidJson: 400,
  UnsupportedMediaType: 415,
  PayloadTooLarge: 413,
  InvalidInput: 422,
  UnknownTemplate: 422,
  UnknownFormat: 422,
  UnsupportedScript: 422,
  TextTooLong: 422,
  NotFound: 404,
  MethodNotAllowed: 405,
  Overloaded: 503,
  Internal: 500
}

export class RenderError extends Error {
  readonly code: RenderErrorCode
  readonly status: number
  constructor(code: RenderErrorCode, reason: string) {
    super(reason)
    this.name = "RenderError"
    this.code = code
    this.status = STATUS[code]
  }
}

export const isRenderError = (u: unknown): u is RenderError => u instanceof RenderError
