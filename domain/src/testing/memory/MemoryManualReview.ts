import { Effect, Layer } from "effect"
import { ManualReview, type ReviewItem } from "../../ports/ManualReview.ts"

export const layerMemory = Layer.sync(ManualReview, () => {
  const items = new Map<string, ReviewItem>()
  return ManualReview.of({
    flag: (item) =>
      Effect.sync(() => {
        const key = `${item.subjectId}|${item.reason}`
        if (items.has(key)) return "already_flagged" as const
        items.set(key, item)
        return "flagged" as const
      }),
    listOpen: (limit) =>
      Effect.sync(() => [...items.values()].filter((i) => i.resolvedAt === undefined).slice(0, limit)),
    isFlagged: (subjectId) => Effect.sync(() => [...items.values()].some((i) => i.subjectId === subjectId))
  })
})
