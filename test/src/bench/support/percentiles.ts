/** The q-quantile (0..1) of the samples by nearest rank; NaN when there are none. */
export const percentile = (samples: ReadonlyArray<number>, q: number): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

export const median = (samples: ReadonlyArray<number>) => percentile(samples, 0.5)

export const ms = (value: number, digits = 1) =>
  Number.isFinite(value) ? `${value.toFixed(digits)} ms` : "n/a"
export const perSecond = (value: number) => (Number.isFinite(value) ? `${Math.round(value)}/s` : "n/a")
export const seconds = (millis: number) =>
  Number.isFinite(millis) ? `${(millis / 1000).toFixed(2)} s` : "n/a"
export const percent = (ratio: number) => (Number.isFinite(ratio) ? `${Math.round(ratio * 100)} %` : "n/a")
