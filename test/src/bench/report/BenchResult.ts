/** One figure of a benchmark, quoted next to its target (when it has one). */
export interface Figure {
  readonly figure: string
  readonly value: string
  readonly target?: string
  /** "met", "missed", or empty when the figure has no target. */
  readonly verdict?: "met" | "missed"
}

/** What one benchmark measured in one run: written into docs/benchmarks.md as one section. */
export interface BenchResult {
  readonly name: string
  readonly title: string
  readonly measuredAt: string
  /** Figures quoted from another benchmark's report: the machine line and load average are not this run's. */
  readonly quotedFrom?: string
  readonly method: ReadonlyArray<string>
  readonly figures: ReadonlyArray<Figure>
  /** What bounds the figures on this machine: the bottleneck, not an excuse. */
  readonly limits: ReadonlyArray<string>
  /** The machine's load average (1 min) before and after: other work on a shared machine shows here. */
  readonly loadAverage?: readonly [number, number]
  /** Raw numbers for the capacity model. */
  readonly data?: Readonly<Record<string, number>>
}

export const verdict = (met: boolean): "met" | "missed" => (met ? "met" : "missed")
