import { Effect, Layer, Option } from "effect"
import type { CertificateOffer, Course, CourseCompletion, Learner } from "../../model/Catalog.ts"
import { Catalog } from "../../ports/Catalog.ts"

export interface CatalogSeed {
  readonly learners: ReadonlyArray<Learner>
  readonly courses: ReadonlyArray<Course>
  readonly completions: ReadonlyArray<CourseCompletion>
  readonly offers: ReadonlyArray<CertificateOffer>
}

export const layerMemory = (seed: CatalogSeed) =>
  Layer.sync(Catalog, () => {
    const completions = new Map(seed.completions.map((c) => [`${c.learnerId}|${c.courseId}`, c]))
    return Catalog.of({
      learner: (id) =>
        Effect.sync(() => Option.fromUndefinedOr(seed.learners.find((l) => l.learnerId === id))),
      course: (id) => Effect.sync(() => Option.fromUndefinedOr(seed.courses.find((c) => c.courseId === id))),
      completion: (learnerId, courseId) =>
        Effect.sync(() => Option.fromUndefinedOr(completions.get(`${learnerId}|${courseId}`))),
      completionsOf: (learnerId) =>
        Effect.sync(() => [...completions.values()].filter((c) => c.learnerId === learnerId)),
      offerForCourse: (courseId) =>
        Effect.sync(() => Option.fromUndefinedOr(seed.offers.find((o) => o.courseId === courseId))),
      recordCompletion: (completion) =>
        Effect.sync(() => {
          const key = `${completion.learnerId}|${completion.courseId}`
          if (completions.has(key)) return "unchanged" as const
          completions.set(key, completion)
          return "recorded" as const
        })
    })
  })
