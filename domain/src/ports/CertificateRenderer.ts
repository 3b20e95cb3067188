import { Context, type Effect, Schema } from "effect"
import type { RendererUnavailable, RenderRejected } from "../errors/DeliveryErrors.ts"

/** Everything that determines a certificate's bytes: the same request renders the same bytes. */
export class RenderRequest extends Schema.Class<RenderRequest>("RenderRequest")({
  learnerName: Schema.String,
  courseTitle: Schema.String,
  completionDate: Schema.String,
  certificateId: Schema.String,
  verificationUrl: Schema.String,
  issuer: Schema.String,
  templateId: Schema.String,
  templateVersion: Schema.Int,
  locale: Schema.String
}) {}

export type ArtifactFormat = "png" | "pdf"

export class CertificateRenderer extends Context.Service<
  CertificateRenderer,
  {
    readonly render: (
      request: RenderRequest,
      format: ArtifactFormat
    ) => Effect.Effect<Uint8Array, RendererUnavailable | RenderRejected>
  }
>()("certify/domain/ports/CertificateRenderer") {}
