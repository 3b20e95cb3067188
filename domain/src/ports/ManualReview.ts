import { Context, type Effect, type Option, Schema } from "effect"

export const ReviewReason = Schema.Literals([
  "amount_mismatch",
  "duplicate_payment",
  "unknown_payment",
  "stuck_payment",
  "render_rejected",
  "mail_rejected",
  "unprocessable_event"
])
export type ReviewReason = typeof ReviewReason.Type

export class ReviewItem extends Schema.Class<ReviewItem>("ReviewItem")({
  subjectId: Schema.String,
  reason: ReviewReason,
  details: Schema.String,
  flaggedAt: Schema.Date,
  resolvedAt: Schema.optionalKey(Schema.Date),
  resolution: Schema.optionalKey(Schema.String),
  resolvedBy: Schema.optionalKey(Schema.String)
}) {}

/** How a person closed a review item. */
export interface ReviewResolution {
  readonly resolution: string
  readonly resolvedBy: string
  readonly at: Date
}

export const reviewKey = (subjectId: string, reason: ReviewReason) => `${subjectId}|${reason}`

/**
 * Things a person must decide. Never auto-granted. Unique per (subject, reason). A resolution is a
 * unique insert too, so of two operators resolving one item at once exactly one resolves it.
 */
export class ManualReview extends Context.Service<
  ManualReview,
  {
    readonly flag: (item: ReviewItem) => Effect.Effect<"flagged" | "already_flagged">
    /** Open items, oldest flagged first. */
    readonly listOpen: (limit: number) => Effect.Effect<ReadonlyArray<ReviewItem>>
    /** Whether the subject was ever flagged, for any reason (resolved or not). */
    readonly isFlagged: (subjectId: string) => Effect.Effect<boolean>
    readonly find: (subjectId: string, reason: ReviewReason) => Effect.Effect<Option.Option<ReviewItem>>
    /** Every item of a subject, open and resolved, oldest flagged first. */
    readonly listForSubject: (subjectId: string) => Effect.Effect<ReadonlyArray<ReviewItem>>
    readonly resolve: (
      subjectId: string,
      reason: ReviewReason,
      resolution: ReviewResolution
    ) => Effect.Effect<"resolved" | "already_resolved" | "not_found">
  }
>()("certify/domain/ports/ManualReview") {}
