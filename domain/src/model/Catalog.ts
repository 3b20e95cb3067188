import { Schema } from "effect"
import { defaultCurrency, type Gateway } from "./Gateway.ts"
import { CourseId, LearnerId, OfferId } from "./Ids.ts"
import { type Currency, Money } from "./Money.ts"

/** A name as it is printed on a certificate: trimmed, 1–120 characters, no control characters. */
export const PrintedName = Schema.String.check(
  Schema.isTrimmed({ message: "name must not start or end with spaces" }),
  Schema.isMinLength(1, { message: "name must not be empty" }),
  Schema.isMaxLength(120, { message: "name must be at most 120 characters" }),
  Schema.isPattern(/^[^\p{Cc}\p{Cf}]*$/u, { message: "name must not contain control characters" })
)

export const Email = Schema.String.check(
  Schema.isMaxLength(254, { message: "email must be at most 254 characters" }),
  Schema.isPattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: "email must look like name@example.org" })
)

/** Calendar date, YYYY-MM-DD: completion dates are days, not instants. */
export const CalendarDate = Schema.String.check(
  Schema.isPattern(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: "date must be YYYY-MM-DD" })
)

export class Learner extends Schema.Class<Learner>("Learner")({
  learnerId: LearnerId,
  email: Email,
  displayName: PrintedName
}) {}

export class Course extends Schema.Class<Course>("Course")({
  courseId: CourseId,
  title: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
}) {}

/** Reported by the learning platform; the certificate prints `printedName` exactly. */
export class CourseCompletion extends Schema.Class<CourseCompletion>("CourseCompletion")({
  learnerId: LearnerId,
  courseId: CourseId,
  completedOn: CalendarDate,
  printedName: PrintedName
}) {}

/** The currencies priced more than once: an offer must name one price per currency, or `priceIn` would pick arbitrarily. */
const repeatedCurrencies = (prices: ReadonlyArray<Money>): ReadonlyArray<Currency> => {
  const seen = new Set<Currency>()
  const repeated = new Set<Currency>()
  for (const { currency } of prices) {
    if (seen.has(currency)) repeated.add(currency)
    seen.add(currency)
  }
  return [...repeated]
}

export const OfferPrices = Schema.Array(Money).check(
  Schema.isMinLength(1, { message: "an offer needs at least one price" }),
  Schema.makeFilter((prices: ReadonlyArray<Money>) => {
    const repeated = repeatedCurrencies(prices)
    return (
      repeated.length === 0 || `an offer has at most one price per currency; repeated: ${repeated.join(", ")}`
    )
  })
)

export class CertificateOffer extends Schema.Class<CertificateOffer>("CertificateOffer")({
  offerId: OfferId,
  courseId: CourseId,
  prices: OfferPrices
}) {
  priceIn(currency: Currency): Money | undefined {
    return this.prices.find((price) => price.currency === currency)
  }

  priceFor(gateway: Gateway): Money | undefined {
    return this.priceIn(defaultCurrency[gateway])
  }
}

/** A whole catalog at once: what the demo data and the in-memory catalog are built from. */
export interface CatalogSeed {
  readonly learners: ReadonlyArray<Learner>
  readonly courses: ReadonlyArray<Course>
  readonly completions: ReadonlyArray<CourseCompletion>
  readonly offers: ReadonlyArray<CertificateOffer>
}
