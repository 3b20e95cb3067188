/**
 * Formats an amount in minor units (cents, paise) for people. The exponent comes from Intl, so a
 * zero-decimal currency (JPY) is not divided by 100.
 */
export const formatMoney = (amountMinor: number, currency: string, locale?: string): string => {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency })
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2
  return format.format(amountMinor / 10 ** exponent)
}
