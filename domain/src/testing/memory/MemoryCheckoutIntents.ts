import { Effect, Layer, Option } from "effect"
import type { CheckoutIntent } from "../../model/Payment.ts"
import { CheckoutIntents } from "../../ports/CheckoutIntents.ts"

export const layerMemory = Layer.sync(CheckoutIntents, () => {
  const byKey = new Map<string, CheckoutIntent>()
  const keyOf = (intent: CheckoutIntent) => `${intent.learnerId}|${intent.courseId}|${intent.offerId}`
  return CheckoutIntents.of({
    openOrGet: (draft) =>
      Effect.sync(() => {
        const existing = byKey.get(keyOf(draft))
        if (existing) return { intent: existing, created: false }
        byKey.set(keyOf(draft), draft)
        return { intent: draft, created: true }
      }),
    find: (intentId) =>
      Effect.sync(() => Option.fromUndefinedOr([...byKey.values()].find((i) => i.intentId === intentId)))
  })
})
