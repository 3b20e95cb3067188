import { Effect, Layer, Option } from "effect"
import { Certificate } from "../../model/Certificate.ts"
import { Certificates } from "../../ports/Certificates.ts"

export const layerMemory = Layer.sync(Certificates, () => {
  const byId = new Map<string, Certificate>()
  const byEntitlement = (id: string) => [...byId.values()].find((c) => c.entitlementId === id)
  const update = (id: string, patch: (c: Certificate) => Partial<Certificate>) =>
    Effect.sync(() => {
      const current = byId.get(id)
      if (current) byId.set(id, new Certificate({ ...current, ...patch(current) }))
    })
  return Certificates.of({
    create: (draft) =>
      Effect.sync(() => {
        const existing = byEntitlement(draft.entitlementId) ?? byId.get(draft.certificateId)
        if (existing) return { certificate: existing, created: false }
        byId.set(draft.certificateId, draft)
        return { certificate: draft, created: true }
      }),
    find: (id) => Effect.sync(() => Option.fromUndefinedOr(byId.get(id))),
    findByEntitlement: (id) => Effect.sync(() => Option.fromUndefinedOr(byEntitlement(id))),
    listByLearner: (learnerId) =>
      Effect.sync(() => [...byId.values()].filter((c) => c.learnerId === learnerId)),
    recordVersion: (id, version) =>
      update(id, (c) =>
        c.versions.some((v) => v.version === version.version) ? {} : { versions: [...c.versions, version] }
      ),
    project: (id, projection) => update(id, (c) => (c.version < projection.version ? projection : {}))
  })
})
