import { Effect, Layer, Option } from "effect"
import { Entitlement } from "../../model/Entitlement.ts"
import { Entitlements } from "../../ports/Entitlements.ts"

export const layerMemory = Layer.sync(Entitlements, () => {
  const byKey = new Map<string, Entitlement>()
  const keyOf = (e: { learnerId: string; courseId: string; kind: string }) =>
    `${e.learnerId}|${e.courseId}|${e.kind}`
  const byId = (id: string) => [...byKey.values()].find((e) => e.entitlementId === id)
  return Entitlements.of({
    create: (draft) =>
      Effect.sync(() => {
        const existing = byKey.get(keyOf(draft))
        if (existing) return { entitlement: existing, created: false }
        byKey.set(keyOf(draft), draft)
        return { entitlement: draft, created: true }
      }),
    find: (id) => Effect.sync(() => Option.fromUndefinedOr(byId(id))),
    findFor: (learnerId, courseId, kind) =>
      Effect.sync(() => Option.fromUndefinedOr(byKey.get(keyOf({ learnerId, courseId, kind })))),
    listByLearner: (learnerId) =>
      Effect.sync(() => [...byKey.values()].filter((e) => e.learnerId === learnerId)),
    project: (id, status, version) =>
      Effect.sync(() => {
        const current = byId(id)
        if (current && current.version < version)
          byKey.set(keyOf(current), new Entitlement({ ...current, status, version }))
      })
  })
})
