import { Catalog, CertificateOffer, Course, CourseCompletion, Learner } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"

const decodeLearner = decodeDocument(Learner, "learners")
const decodeCourse = decodeDocument(Course, "courses")
const decodeCompletion = decodeDocument(CourseCompletion, "course_completions")
const decodeOffer = decodeDocument(CertificateOffer, "certificate_offers")

export const layer = Layer.effect(
  Catalog,
  Effect.gen(function* () {
    const models = yield* modelsOf("Learner", "Course", "Completion", "Offer")
    const one = <A>(
      run: () => Promise<Record<string, unknown> | null>,
      decode: (doc: Record<string, unknown>) => A
    ) => Effect.map(query(run), (doc) => (doc ? Option.some(decode(doc)) : Option.none()))
    return Catalog.of({
      learner: (id) =>
        one(() => models.Learner.findById(id).lean<Record<string, unknown>>().exec(), decodeLearner),
      course: (id) =>
        one(() => models.Course.findById(id).lean<Record<string, unknown>>().exec(), decodeCourse),
      completion: (learnerId, courseId) =>
        one(
          () => models.Completion.findById(`${learnerId}|${courseId}`).lean<Record<string, unknown>>().exec(),
          decodeCompletion
        ),
      completionsOf: (learnerId) =>
        Effect.map(
          query(() => models.Completion.find({ learnerId }).lean<Array<Record<string, unknown>>>().exec()),
          (docs) => docs.map(decodeCompletion)
        ),
      offerForCourse: (courseId) =>
        one(() => models.Offer.findOne({ courseId }).lean<Record<string, unknown>>().exec(), decodeOffer),
      recordCompletion: (completion) =>
        Effect.map(
          insertUnique(
            models.Completion,
            encodeDocument(CourseCompletion, completion, `${completion.learnerId}|${completion.courseId}`)
          ),
          (inserted) => (inserted ? "recorded" : "unchanged")
        )
    })
  })
)

/** Seeds learners, courses and offers (idempotent); completions go through `recordCompletion`. */
export const seedCatalog = (seed: {
  readonly learners: ReadonlyArray<Learner>
  readonly courses: ReadonlyArray<Course>
  readonly offers: ReadonlyArray<CertificateOffer>
}) =>
  Effect.gen(function* () {
    const models = yield* modelsOf("Learner", "Course", "Offer")
    for (const learner of seed.learners)
      yield* insertUnique(models.Learner, encodeDocument(Learner, learner, learner.learnerId))
    for (const course of seed.courses)
      yield* insertUnique(models.Course, encodeDocument(Course, course, course.courseId))
    for (const offer of seed.offers)
      yield* insertUnique(models.Offer, encodeDocument(CertificateOffer, offer, offer.offerId))
  })
