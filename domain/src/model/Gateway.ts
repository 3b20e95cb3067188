import { Schema } from "effect"
import type { Currency } from "./Money.ts"

export const Gateway = Schema.Literals(["stripe", "razorpay"])
export type Gateway = typeof Gateway.Type

/** The currency each gateway charges in by default: Stripe in USD, Razorpay in INR. */
export const defaultCurrency: Record<Gateway, Currency> = { stripe: "USD", razorpay: "INR" }
