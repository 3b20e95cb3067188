import { formatMoney } from "../lib/money.ts"

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—")

export const money = (amount: { readonly currency: string; readonly amountMinor: number }) =>
  formatMoney(amount.amountMinor, amount.currency)
