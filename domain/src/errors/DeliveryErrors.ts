import { Schema } from "effect"

/** The renderer could not be reached or failed; the job retries. */
export class RendererUnavailable extends Schema.TaggedError<RendererUnavailable>()("RendererUnavailable", {
  reason: Schema.String
}) {}

/** The renderer refused the input (e.g. a script it cannot print correctly): retrying will not help. */
export class RenderRejected extends Schema.TaggedError<RenderRejected>()("RenderRejected", {
  reason: Schema.String
}) {}

export class MailUnavailable extends Schema.TaggedError<MailUnavailable>()("MailUnavailable", {
  reason: Schema.String,
  /** When a retry can succeed at the earliest (another worker's send lease runs until then). */
  retryAfterMillis: Schema.optional(Schema.Number)
}) {}

/** Permanent: the server rejected the recipient or the message. Recorded and shown to ops. */
export class MailRejected extends Schema.TaggedError<MailRejected>()("MailRejected", {
  reason: Schema.String
}) {}
