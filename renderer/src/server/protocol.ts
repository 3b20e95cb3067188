import type { RenderErrorCode } from "../errors.ts"
import type { Format, RenderRequest } from "../input.ts"

export interface JobMessage {
  readonly id: number
  readonly request: RenderRequest
}

export type JobResult =
  | {
      readonly id: number
      readonly ok: true
      readonly format: Format
      readonly contentType: string
      readonly bytes: Uint8Array
      readonly sha256: string
    }
  | { readonly id: number; readonly ok: false; readonly code: RenderErrorCode; readonly reason: string }
