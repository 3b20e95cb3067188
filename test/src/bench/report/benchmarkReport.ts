import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import type { BenchResult } from "./BenchResult.ts"
import type { Machine } from "./machine.ts"

const ROOT = new URL("../../../../", import.meta.url).pathname
export const reportPath = `${ROOT}docs/benchmarks.md`
/** The latest result of every benchmark, so running one benchmark rewrites only its own section. */
const resultsPath = `${ROOT}docs/benchmarks/results.json`

interface StoredRun {
  readonly machine: Machine
  readonly result: BenchResult
}

const readStored = (): Record<string, StoredRun> =>
  existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, "utf8")) as Record<string, StoredRun>) : {}

/** In the repository's JSON style, so `pnpm lint` stays clean after a run. */
const formatWithBiome = (path: string) => {
  try {
    execFileSync(`${ROOT}node_modules/.bin/biome`, ["format", "--write", path], { stdio: "ignore" })
  } catch {
    // Unformatted JSON is still valid JSON; the next `pnpm format` fixes it.
  }
}

const cell = (text: string | undefined) => (text ?? "").replace(/\|/g, "\\|")

const section = ({ machine, result }: StoredRun) =>
  [
    `## ${result.title}`,
    "",
    result.quotedFrom !== undefined
      ? `Quoted from ${result.quotedFrom}, measured ${result.measuredAt} on the machine it describes.`
      : `Measured ${result.measuredAt} on ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.ferretdb}.` +
        (result.loadAverage
          ? ` Load average (1 min) ${result.loadAverage[0].toFixed(1)} before, ${result.loadAverage[1].toFixed(1)} after.`
          : ""),
    "",
    ...result.method.map((line) => `- ${line}`),
    "",
    "| figure | measured | target | verdict |",
    "|---|---|---|---|",
    ...result.figures.map(
      (f) => `| ${cell(f.figure)} | ${cell(f.value)} | ${cell(f.target)} | ${cell(f.verdict)} |`
    ),
    "",
    "What limits it:",
    "",
    ...result.limits.map((line) => `- ${line}`),
    ""
  ].join("\n")

/**
 * Stores the results of this run next to the earlier ones and rewrites docs/benchmarks.md:
 * the preamble, then one section per benchmark in `order`, then the capacity model.
 */
export const writeBenchmarkReport = (
  machine: Machine,
  results: ReadonlyArray<BenchResult>,
  order: ReadonlyArray<string>,
  preamble: string,
  appendix: (stored: ReadonlyMap<string, BenchResult>) => string
) => {
  const stored = readStored()
  for (const result of results) stored[result.name] = { machine, result }
  mkdirSync(dirname(resultsPath), { recursive: true })
  writeFileSync(resultsPath, `${JSON.stringify(stored, null, 2)}\n`)
  formatWithBiome(resultsPath)
  const present = order.flatMap((name) => (stored[name] ? [stored[name]] : []))
  const byName = new Map(present.map((run) => [run.result.name, run.result]))
  writeFileSync(reportPath, [preamble, ...present.map(section), appendix(byName)].join("\n"))
}
