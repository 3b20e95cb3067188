import { CalendarDate, CourseId, Email, LearnerId, OfferId, OfferPrices, PrintedName } from "@certify/domain"
import { Schema } from "effect"

/** One course completion as the learning platform reports it (`POST /platform/v1/completions`). */
export const CompletionReport = Schema.Struct({
  learner: Schema.Struct({ learnerId: LearnerId, email: Email, displayName: PrintedName }),
  course: Schema.Struct({
    courseId: CourseId,
    title: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
  }),
  /** The certificate offer for the course; the first report of a course's offer stands. */
  offer: Schema.optionalKey(
    Schema.Struct({
      offerId: OfferId,
      prices: OfferPrices
    })
  ),
  completion: Schema.Struct({ completedOn: CalendarDate, printedName: PrintedName })
})
export type CompletionReport = typeof CompletionReport.Encoded
