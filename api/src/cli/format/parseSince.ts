const UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `--since`: a duration back from now (`90m`, `24h`, `7d`) or an ISO date. */
export const parseSince = (value: string, now: Date): Date => {
  const relative = /^(\d+)([mhd])$/.exec(value)
  if (relative) return new Date(now.getTime() - Number(relative[1]) * (UNITS[relative[2] ?? "h"] ?? 0))
  const date = new Date(value)
  if (Number.isNaN(date.getTime()))
    throw new Error(`--since must be like 90m, 24h, 7d or an ISO date, got "${value}"`)
  return date
}
