import { ManualReview, ReviewItem } from "@certify/domain"
import { Effect, Layer } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"

const decode = decodeDocument(ReviewItem, "manual_reviews")

export const layer = Layer.effect(
  ManualReview,
  Effect.gen(function* () {
    const { ReviewItem: reviews } = yield* modelsOf("ReviewItem")
    return ManualReview.of({
      flag: (item) =>
        Effect.map(
          insertUnique(reviews, encodeDocument(ReviewItem, item, `${item.subjectId}|${item.reason}`)),
          (inserted) => (inserted ? "flagged" : "already_flagged")
        ),
      listOpen: (limit) =>
        query(() =>
          reviews
            .find({ resolvedAt: { $exists: false } })
            .sort({ flaggedAt: 1 })
            .limit(limit)
            .lean<Array<Record<string, unknown>>>()
            .exec()
        ).pipe(Effect.map((docs) => docs.map(decode))),
      isFlagged: (subjectId) =>
        Effect.map(
          query(() => reviews.countDocuments({ subjectId }).exec()),
          (n) => n > 0
        )
    })
  })
)
