import {
  Catalog,
  CertificateOffer,
  Course,
  CourseCompletion,
  CourseId,
  Learner,
  LearnerId,
  Money,
  OfferId
} from "@certify/domain"
import { Effect, Schema } from "effect"
import { PURCHASES } from "../model/Scenario.ts"

const learners = ["ada", "ravi"] as const
const courses = ["ts-101", "pay-201"] as const

/** Purchase n of a scenario: a (learner, course) pair, in the scenario's namespace. */
export const purchaseOf = (prefix: string, n: number) => ({
  learnerId: Schema.decodeUnknownSync(LearnerId)(`${prefix}${learners[n % 2]}`),
  courseId: Schema.decodeUnknownSync(CourseId)(`${prefix}${courses[Math.floor(n / 2) % 2]}`)
})

/** Two learners who completed two courses, each with a USD (Stripe) and an INR (Razorpay) price. */
export const seedCatalog = (prefix: string) =>
  Catalog.use((catalog) =>
    Effect.gen(function* () {
      for (const name of learners)
        yield* catalog.recordLearner(
          new Learner({
            learnerId: Schema.decodeUnknownSync(LearnerId)(`${prefix}${name}`),
            email: `${name}@example.org`,
            displayName: name === "ada" ? "Ada Lovelace" : "Ravi Shankar"
          })
        )
      for (const course of courses) {
        const courseId = Schema.decodeUnknownSync(CourseId)(`${prefix}${course}`)
        yield* catalog.recordCourse(new Course({ courseId, title: `Course ${course}` }))
        yield* catalog.recordOffer(
          new CertificateOffer({
            offerId: Schema.decodeUnknownSync(OfferId)(`${prefix}offer-${course}`),
            courseId,
            prices: [
              new Money({ amount: 4900, currency: "USD" }),
              new Money({ amount: 99900, currency: "INR" })
            ]
          })
        )
      }
      for (let n = 0; n < PURCHASES; n++) {
        const { learnerId, courseId } = purchaseOf(prefix, n)
        yield* catalog.recordCompletion(
          new CourseCompletion({
            learnerId,
            courseId,
            completedOn: "2026-11-01",
            printedName: learnerId.endsWith("ada") ? "Ada Lovelace" : "Ravi Shankar"
          })
        )
      }
    })
  )
