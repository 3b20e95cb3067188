import { loadavg } from "node:os"
import type { Benchmark } from "./Benchmark.ts"
import { paidToEmailed } from "./benches/paidToEmailed.bench.ts"
import { reconciliation } from "./benches/reconciliation.bench.ts"
import { rendering } from "./benches/rendering.bench.ts"
import { scaling } from "./benches/scaling.bench.ts"
import { verifyPage } from "./benches/verifyPage.bench.ts"
import { webhookIngest } from "./benches/webhookIngest.bench.ts"
import type { BenchResult } from "./report/BenchResult.ts"
import { reportPath, writeBenchmarkReport } from "./report/benchmarkReport.ts"
import { capacityModel } from "./report/capacityModel.ts"
import { describeMachine } from "./report/machine.ts"
import { reportPreamble } from "./report/preamble.ts"
import { makeStackPool } from "./support/benchStack.ts"

// The order matters when all run: the webhook flood leaves thousands of jobs behind, so the
// pipeline benchmarks go first on the shared stack.
const benchmarks: ReadonlyArray<Benchmark> = [
  verifyPage,
  paidToEmailed,
  scaling,
  webhookIngest,
  reconciliation,
  rendering
]

const log = (line: string) => process.stdout.write(`[bench] ${line}\n`)
const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !benchmarks.some((b) => b.name === name))
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark(s): ${unknown.join(", ")}; known: ${benchmarks.map((b) => b.name).join(", ")}\n`
  )
  process.exit(2)
}
const selected = wanted.length === 0 ? benchmarks : benchmarks.filter((b) => wanted.includes(b.name))

const machine = describeMachine()
log(`${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}`)
const stacks = makeStackPool(log)
const results: BenchResult[] = []
const begun = performance.now()
try {
  for (const benchmark of selected) {
    const started = performance.now()
    log(`— ${benchmark.name}`)
    try {
      const loadBefore = loadavg()[0] ?? 0
      const result = await benchmark.run({ stacks, log })
      results.push(
        result.quotedFrom === undefined ? { ...result, loadAverage: [loadBefore, loadavg()[0] ?? 0] } : result
      )
      for (const f of result.figures)
        log(`  ${f.figure}: ${f.value}${f.target ? ` (target ${f.target}: ${f.verdict})` : ""}`)
    } catch (error) {
      log(
        `  ${benchmark.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
      )
      process.exitCode = 1
    }
    log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`)
  }
} finally {
  await stacks.stopAll()
}
writeBenchmarkReport(
  machine,
  results,
  benchmarks.map((b) => b.name),
  reportPreamble,
  capacityModel
)
log(`wrote ${reportPath} in ${((performance.now() - begun) / 1000).toFixed(0)} s`)
