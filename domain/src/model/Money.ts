import { Schema } from "effect"

export const Currency = Schema.Literals(["USD", "INR", "EUR"])
export type Currency = typeof Currency.Type

/** Integer minor units (cents, paise): money is never a float. */
export const MinorUnits = Schema.Int.check(
  Schema.isGreaterThan(0, { message: "amount must be a positive whole number of minor units" }),
  Schema.isLessThanOrEqualTo(100_000_000, { message: "amount is above 1,000,000.00" })
)

export class Money extends Schema.Class<Money>("Money")({
  amount: MinorUnits,
  currency: Currency
}) {}

export const sameMoney = (a: Money, b: Money): boolean => a.amount === b.amount && a.currency === b.currency

const exponent: Record<Currency, number> = { USD: 2, INR: 2, EUR: 2 }

/** "49.00 USD": for people, never for arithmetic. */
export const formatMoney = (money: Money): string => {
  const digits = exponent[money.currency]
  const whole = Math.trunc(money.amount / 10 ** digits)
  const fraction = String(money.amount % 10 ** digits).padStart(digits, "0")
  return `${whole}.${fraction} ${money.currency}`
}
