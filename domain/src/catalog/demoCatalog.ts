import { Schema } from "effect"
import { type CatalogSeed, CertificateOffer, Course, CourseCompletion, Learner } from "../model/Catalog.ts"
import { CourseId, LearnerId, OfferId } from "../model/Ids.ts"
import { Money } from "../model/Money.ts"

const learnerId = Schema.decodeUnknownSync(LearnerId)
const courseId = Schema.decodeUnknownSync(CourseId)

/**
 * The embedded default's catalog (seeded by the start command) and the domain tests' catalog:
 * two learners who completed two courses, each course with a USD and an INR price.
 */
export const demoCatalog: CatalogSeed = {
  learners: [
    new Learner({ learnerId: learnerId("ada"), email: "ada@example.org", displayName: "Ada Lovelace" }),
    new Learner({ learnerId: learnerId("ravi"), email: "ravi@example.org", displayName: "Ravi Shankar" })
  ],
  courses: [
    new Course({ courseId: courseId("ts-101"), title: "TypeScript Foundations" }),
    new Course({ courseId: courseId("pay-201"), title: "Designing Payment Systems" })
  ],
  completions: ["ada", "ravi"].flatMap((learner) =>
    ["ts-101", "pay-201"].map(
      (course) =>
        new CourseCompletion({
          learnerId: learnerId(learner),
          courseId: courseId(course),
          completedOn: "2026-11-01",
          printedName: learner === "ada" ? "Ada Lovelace" : "Ravi Shankar"
        })
    )
  ),
  offers: ["ts-101", "pay-201"].map(
    (course) =>
      new CertificateOffer({
        offerId: Schema.decodeUnknownSync(OfferId)(`offer-${course}`),
        courseId: courseId(course),
        prices: [new Money({ amount: 4900, currency: "USD" }), new Money({ amount: 99900, currency: "INR" })]
      })
  )
}
