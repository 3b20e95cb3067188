import { Effect, Layer, Option } from "effect"
import { ManualReview, ReviewItem, reviewKey } from "../../ports/ManualReview.ts"

const byFlaggedAt = (a: ReviewItem, b: ReviewItem) =>
  a.flaggedAt.getTime() - b.flaggedAt.getTime() ||
  reviewKey(a.subjectId, a.reason).localeCompare(reviewKey(b.subjectId, b.reason))

export const layerMemory = Layer.sync(ManualReview, () => {
  const items = new Map<string, ReviewItem>()
  return ManualReview.of({
    flag: (item) =>
      Effect.sync(() => {
        const key = reviewKey(item.subjectId, item.reason)
        if (items.has(key)) return "already_flagged" as const
        items.set(key, item)
        return "flagged" as const
      }),
    listOpen: (limit) =>
      Effect.sync(() =>
        [...items.values()]
          .filter((i) => i.resolvedAt === undefined)
          .sort(byFlaggedAt)
          .slice(0, limit)
      ),
    isFlagged: (subjectId) => Effect.sync(() => [...items.values()].some((i) => i.subjectId === subjectId)),
    find: (subjectId, reason) =>
      Effect.sync(() => Option.fromUndefinedOr(items.get(reviewKey(subjectId, reason)))),
    listForSubject: (subjectId) =>
      Effect.sync(() => [...items.values()].filter((i) => i.subjectId === subjectId).sort(byFlaggedAt)),
    resolve: (subjectId, reason, { resolution, resolvedBy, at }) =>
      Effect.sync(() => {
        const key = reviewKey(subjectId, reason)
        const item = items.get(key)
        if (item === undefined) return "not_found" as const
        if (item.resolvedAt !== undefined) return "already_resolved" as const
        items.set(key, new ReviewItem({ ...item, resolvedAt: at, resolution, resolvedBy }))
        return "resolved" as const
      })
  })
})
