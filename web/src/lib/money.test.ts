import { describe, expect, it } from "vitest"
import { formatMoney } from "./money.ts"

describe("formatMoney", () => {
  it.each([
    [1999, "USD", "en-US", "$19.99"],
    [500, "USD", "en-US", "$5.00"],
    [149900, "INR", "en-IN", "₹1,499.00"],
    [12345678, "INR", "en-IN", "₹1,23,456.78"],
    [1500, "JPY", "en-US", "¥1,500"]
  ])("formats %i %s in %s as %s", (amountMinor, currency, locale, expected) => {
    expect(formatMoney(amountMinor, currency, locale)).toBe(expected)
  })
})
