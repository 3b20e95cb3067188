import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { CertificateOffer } from "./Catalog.ts"
import { CourseId, OfferId } from "./Ids.ts"
import { Money } from "./Money.ts"

const decodeOffer = Schema.decodeUnknownExit(CertificateOffer)
const offerWith = (prices: ReadonlyArray<{ amount: number; currency: string }>) => ({
  offerId: "offer-ts-101",
  courseId: "ts-101",
  prices
})

describe("a certificate offer names one price per currency", () => {
  it("accepts one price in each of several currencies, and finds each", () => {
    const offer = Schema.decodeUnknownSync(CertificateOffer)(
      offerWith([
        { amount: 4900, currency: "USD" },
        { amount: 99900, currency: "INR" }
      ])
    )
    expect(offer.priceIn("USD")?.amount).toBe(4900)
    expect(offer.priceIn("INR")?.amount).toBe(99900)
  })

  it("refuses two prices in the same currency, naming the currency", () => {
    const exit = decodeOffer(
      offerWith([
        { amount: 4900, currency: "USD" },
        { amount: 99900, currency: "INR" },
        { amount: 5900, currency: "USD" }
      ])
    )
    expect(exit._tag).toBe("Failure")
    expect(String(exit)).toMatch(/an offer has at most one price per currency; repeated: USD/)
  })

  it("refuses the same price given twice, whether decoded or constructed in code", () => {
    const twice = offerWith([
      { amount: 4900, currency: "INR" },
      { amount: 4900, currency: "INR" }
    ])
    expect(String(decodeOffer(twice))).toMatch(/repeated: INR/)
    const inr = new Money({ amount: 4900, currency: "INR" })
    expect(
      () =>
        new CertificateOffer({
          offerId: Schema.decodeUnknownSync(OfferId)("offer-ts-101"),
          courseId: Schema.decodeUnknownSync(CourseId)("ts-101"),
          prices: [inr, inr]
        })
    ).toThrow()
  })
})
