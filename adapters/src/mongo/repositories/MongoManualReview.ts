import { ManualReview, ReviewItem, type ReviewReason, reviewKey } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"

const decode = decodeDocument(ReviewItem, "manual_reviews")

export const layer = Layer.effect(
  ManualReview,
  Effect.gen(function* () {
    const { ReviewItem: reviews, ReviewResolution: resolutions } = yield* modelsOf(
      "ReviewItem",
      "ReviewResolution"
    )
    const list = (filter: Record<string, unknown>, limit?: number) =>
      query(() => {
        const found = reviews.find(filter).sort({ flaggedAt: 1, _id: 1 })
        return (limit === undefined ? found : found.limit(limit))
          .lean<Array<Record<string, unknown>>>()
          .exec()
      }).pipe(Effect.map((docs) => docs.map(decode)))
    const find = (subjectId: string, reason: ReviewReason) =>
      query(() => reviews.findById(reviewKey(subjectId, reason)).lean<Record<string, unknown>>().exec()).pipe(
        Effect.map((doc) => (doc ? Option.some(decode(doc)) : Option.none()))
      )
    // The resolution row wins first; the review document then mirrors it. A crash in between is
    // repaired by the next resolve of the same item, which copies the stored winner over.
    const mirror = (key: string) =>
      Effect.gen(function* () {
        const winner = yield* query(() => resolutions.findById(key).lean<Record<string, unknown>>().exec())
        if (!winner) return
        yield* query(() =>
          reviews
            .updateOne(
              { _id: key },
              {
                $set: {
                  resolvedAt: winner.resolvedAt,
                  resolution: winner.resolution,
                  resolvedBy: winner.resolvedBy
                }
              }
            )
            .exec()
        )
      })
    return ManualReview.of({
      flag: (item) =>
        Effect.map(
          insertUnique(reviews, encodeDocument(ReviewItem, item, reviewKey(item.subjectId, item.reason))),
          (inserted) => (inserted ? "flagged" : "already_flagged")
        ),
      listOpen: (limit) => list({ resolvedAt: { $exists: false } }, limit),
      isFlagged: (subjectId) =>
        Effect.map(
          query(() => reviews.countDocuments({ subjectId }).exec()),
          (n) => n > 0
        ),
      find,
      listForSubject: (subjectId) => list({ subjectId }),
      resolve: (subjectId, reason, { resolution, resolvedBy, at }) =>
        Effect.gen(function* () {
          const key = reviewKey(subjectId, reason)
          if (Option.isNone(yield* find(subjectId, reason))) return "not_found" as const
          const won = yield* insertUnique(resolutions, {
            _id: key,
            subjectId,
            reason,
            resolution,
            resolvedBy,
            resolvedAt: at
          })
          yield* mirror(key)
          return won ? ("resolved" as const) : ("already_resolved" as const)
        })
    })
  })
)
