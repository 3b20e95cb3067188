import { Effect, Layer, Option } from "effect"
import { type CertificateOffer, type Course, type CourseCompletion, Learner } from "../../model/Catalog.ts"
import { Catalog } from "../../ports/Catalog.ts"

export interface CatalogSeed {
  readonly learners: ReadonlyArray<Learner>
  readonly courses: ReadonlyArray<Course>
  readonly completions: ReadonlyArray<CourseCompletion>
  readonly offers: ReadonlyArray<CertificateOffer>
}

export const layerMemory = (seed: CatalogSeed) =>
  Layer.sync(Catalog, () => {
    const learners = new Map(seed.learners.map((l) => [l.learnerId as string, l]))
    const courses = new Map(seed.courses.map((c) => [c.courseId as string, c]))
    const completions = new Map(seed.completions.map((c) => [`${c.learnerId}|${c.courseId}`, c]))
    const offers = new Map(seed.offers.map((o) => [o.courseId as string, o]))
    return Catalog.of({
      learner: (id) => Effect.sync(() => Option.fromUndefinedOr(learners.get(id))),
      learnerByEmail: (email) =>
        Effect.sync(() =>
          Option.fromUndefinedOr(
            [...learners.values()].find((l) => l.email.toLowerCase() === email.trim().toLowerCase())
          )
        ),
      course: (id) => Effect.sync(() => Option.fromUndefinedOr(courses.get(id))),
      completion: (learnerId, courseId) =>
        Effect.sync(() => Option.fromUndefinedOr(completions.get(`${learnerId}|${courseId}`))),
      completionsOf: (learnerId) =>
        Effect.sync(() => [...completions.values()].filter((c) => c.learnerId === learnerId)),
      offerForCourse: (courseId) => Effect.sync(() => Option.fromUndefinedOr(offers.get(courseId))),
      recordCompletion: (completion) =>
        Effect.sync(() => {
          const key = `${completion.learnerId}|${completion.courseId}`
          if (completions.has(key)) return "unchanged" as const
          completions.set(key, completion)
          return "recorded" as const
        }),
      recordLearner: (learner) =>
        Effect.sync(() => {
          const existing = learners.get(learner.learnerId)
          if (existing === undefined) {
            learners.set(learner.learnerId, learner)
            return "recorded" as const
          }
          if (existing.email === learner.email && existing.displayName === learner.displayName)
            return "unchanged" as const
          learners.set(learner.learnerId, new Learner({ ...learner }))
          return "updated" as const
        }),
      recordCourse: (course) =>
        Effect.sync(() => {
          const existing = courses.get(course.courseId)
          if (existing === undefined) {
            courses.set(course.courseId, course)
            return "recorded" as const
          }
          if (existing.title === course.title) return "unchanged" as const
          courses.set(course.courseId, course)
          return "updated" as const
        }),
      recordOffer: (offer) =>
        Effect.sync(() => {
          if (offers.has(offer.courseId)) return "unchanged" as const
          offers.set(offer.courseId, offer)
          return "recorded" as const
        })
    })
  })
