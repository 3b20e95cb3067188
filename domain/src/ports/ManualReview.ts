import { Context, type Effect, Schema } from "effect"

export const ReviewReason = Schema.Literals([
  "amount_mismatch",
  "duplicate_payment",
  "unknown_payment",
  "stuck_payment",
  "render_rejected",
  "mail_rejected"
])
export type ReviewReason = typeof ReviewReason.Type

export class ReviewItem extends Schema.Class<ReviewItem>("ReviewItem")({
  subjectId: Schema.String,
  reason: ReviewReason,
  details: Schema.String,
  flaggedAt: Schema.Date,
  resolvedAt: Schema.optionalKey(Schema.Date),
  resolution: Schema.optionalKey(Schema.String)
}) {}

/** Things a person must decide. Never auto-granted. Unique per (subject, reason). */
export class ManualReview extends Context.Service<
  ManualReview,
  {
    readonly flag: (item: ReviewItem) => Effect.Effect<"flagged" | "already_flagged">
    readonly listOpen: (limit: number) => Effect.Effect<ReadonlyArray<ReviewItem>>
    readonly isFlagged: (subjectId: string) => Effect.Effect<boolean>
  }
>()("certify/domain/ports/ManualReview") {}
