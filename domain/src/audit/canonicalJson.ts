/** Deterministic JSON: sorted keys, Dates as ISO strings, no undefined. Hash input must never depend on key order. */
export const canonicalJson = (value: unknown): string => JSON.stringify(normalize(value))

const normalize = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(normalize)
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key]
      if (field !== undefined) out[key] = normalize(field)
    }
    return out
  }
  return value
}
