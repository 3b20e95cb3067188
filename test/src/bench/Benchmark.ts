import type { BenchResult } from "./report/BenchResult.ts"
import type { StackPool } from "./support/benchStack.ts"

export interface BenchContext {
  readonly stacks: StackPool
  readonly log: (line: string) => void
}

/** One benchmark of `pnpm bench`: prints as it goes, returns its figures for the report. */
export interface Benchmark {
  readonly name: string
  readonly run: (context: BenchContext) => Promise<BenchResult>
}
