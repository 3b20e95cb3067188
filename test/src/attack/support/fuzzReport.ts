/** Counts answers per row and status class, printed as a small table the lead can quote. */
export const tally = <R extends { readonly row: string; readonly status: number }>(
  results: ReadonlyArray<R>
) => {
  const rows = new Map<string, Map<string, number>>()
  for (const { row, status } of results) {
    const statuses = rows.get(row) ?? new Map<string, number>()
    const key = status === 0 ? "no answer" : String(status)
    statuses.set(key, (statuses.get(key) ?? 0) + 1)
    rows.set(row, statuses)
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([row, statuses]) => {
      const total = [...statuses.values()].reduce((sum, n) => sum + n, 0)
      const detail = [...statuses.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, n]) => `${status}×${n}`)
        .join(" ")
      return `  ${row.padEnd(58)} ${String(total).padStart(6)}  ${detail}`
    })
    .join("\n")
}

/** Text a client must never see: a stack frame, a source path, or an exception's class name. */
export const leaksInternals = (body: string) =>
  /\n\s+at |\.ts:\d+|node_modules|MongoServerError|TypeError|ReferenceError|SyntaxError: Unexpected/.test(
    body
  )

/** Prometheus counter total (all label sets) from a /metrics text. */
export const metricTotal = (metrics: string, name: string) =>
  metrics
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0)
