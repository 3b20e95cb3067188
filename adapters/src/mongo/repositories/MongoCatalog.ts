import { Catalog, CertificateOffer, Course, CourseCompletion, Learner } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"

const decodeLearner = decodeDocument(Learner, "learners")
const decodeCourse = decodeDocument(Course, "courses")
const decodeCompletion = decodeDocument(CourseCompletion, "course_completions")
const decodeOffer = decodeDocument(CertificateOffer, "certificate_offers")

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

export const layer = Layer.effect(
  Catalog,
  Effect.gen(function* () {
    const models = yield* modelsOf("Learner", "Course", "Completion", "Offer")
    const one = <A>(
      run: () => Promise<Record<string, unknown> | null>,
      decode: (doc: Record<string, unknown>) => A
    ) => Effect.map(query(run), (doc) => (doc ? Option.some(decode(doc)) : Option.none()))

    // Insert first (the unique _id settles a race between two reports); a known record is then
    // compared and brought up to date only if the platform's view changed.
    const upsert = (
      model: typeof models.Learner,
      id: string,
      document: Record<string, unknown>,
      fields: Record<string, unknown>
    ) =>
      Effect.gen(function* () {
        if (yield* insertUnique(model, document)) return "recorded" as const
        const existing = yield* query(() => model.findById(id).lean<Record<string, unknown>>().exec())
        if (existing && Object.entries(fields).every(([key, value]) => existing[key] === value))
          return "unchanged" as const
        yield* query(() => model.updateOne({ _id: id }, { $set: fields }).exec())
        return "updated" as const
      })

    return Catalog.of({
      learner: (id) =>
        one(() => models.Learner.findById(id).lean<Record<string, unknown>>().exec(), decodeLearner),
      learnerByEmail: (email) =>
        one(
          () =>
            models.Learner.findOne({ email: { $regex: `^${escapeRegex(email.trim())}$`, $options: "i" } })
              .sort({ _id: 1 })
              .lean<Record<string, unknown>>()
              .exec(),
          decodeLearner
        ),
      course: (id) =>
        one(() => models.Course.findById(id).lean<Record<string, unknown>>().exec(), decodeCourse),
      completion: (learnerId, courseId) =>
        one(
          () => models.Completion.findById(`${learnerId}|${courseId}`).lean<Record<string, unknown>>().exec(),
          decodeCompletion
        ),
      completionsOf: (learnerId) =>
        Effect.map(
          query(() =>
            models.Completion.find({ learnerId })
              .sort({ _id: 1 })
              .lean<Array<Record<string, unknown>>>()
              .exec()
          ),
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
        ),
      recordLearner: (learner) =>
        upsert(models.Learner, learner.learnerId, encodeDocument(Learner, learner, learner.learnerId), {
          email: learner.email,
          displayName: learner.displayName
        }),
      recordCourse: (course) =>
        upsert(models.Course, course.courseId, encodeDocument(Course, course, course.courseId), {
          title: course.title
        }),
      // The unique index on courseId keeps one offer per course, whatever offer id a second report uses.
      recordOffer: (offer) =>
        Effect.map(
          insertUnique(models.Offer, encodeDocument(CertificateOffer, offer, offer.offerId)),
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
