import { Context, type Effect, type Option } from "effect"
import type { CertificateOffer, Course, CourseCompletion, Learner } from "../model/Catalog.ts"
import type { CourseId, LearnerId } from "../model/Ids.ts"

/** Learners, courses, completions and offers, as the learning platform reports them. */
export class Catalog extends Context.Service<
  Catalog,
  {
    readonly learner: (learnerId: LearnerId) => Effect.Effect<Option.Option<Learner>>
    /** Case-insensitive, for operators searching by email. */
    readonly learnerByEmail: (email: string) => Effect.Effect<Option.Option<Learner>>
    readonly course: (courseId: CourseId) => Effect.Effect<Option.Option<Course>>
    readonly completion: (
      learnerId: LearnerId,
      courseId: CourseId
    ) => Effect.Effect<Option.Option<CourseCompletion>>
    readonly completionsOf: (learnerId: LearnerId) => Effect.Effect<ReadonlyArray<CourseCompletion>>
    readonly offerForCourse: (courseId: CourseId) => Effect.Effect<Option.Option<CertificateOffer>>
    /** Idempotent per learner and course: the first report stands. */
    readonly recordCompletion: (completion: CourseCompletion) => Effect.Effect<"recorded" | "unchanged">
    /** The platform's current view of a learner: created, or its email and display name brought up to date. */
    readonly recordLearner: (learner: Learner) => Effect.Effect<"recorded" | "updated" | "unchanged">
    readonly recordCourse: (course: Course) => Effect.Effect<"recorded" | "updated" | "unchanged">
    /** One offer per course: an existing offer (and its prices) is kept. */
    readonly recordOffer: (offer: CertificateOffer) => Effect.Effect<"recorded" | "unchanged">
  }
>()("certify/domain/ports/Catalog") {}
