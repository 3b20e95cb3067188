import type { BenchResult } from "./BenchResult.ts"

const PER_DAY = 1_000_000
const SECONDS_PER_DAY = 86_400
/** Certificates follow course completions, which bunch into working hours: plan for 5× the average. */
const PEAK_FACTOR = 5
/** Keep every process below 60 % CPU at peak, for retries, reconciliation and a lost node. */
const HEADROOM = 0.6

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a")

/**
 * The closing section of docs/benchmarks.md: what one machine handles, and what a deployment for a
 * million certificates a day needs, from the per-certificate costs the scaling benchmark measured.
 */
export const capacityModel = (results: ReadonlyMap<string, BenchResult>) => {
  const data = results.get("scaling")?.data
  if (data === undefined)
    return "## Capacity model\n\nRun `node test/src/bench/run.ts scaling` to measure the per-certificate costs.\n"
  const cpu = (name: string) => data[`cpu.${name}`] ?? 0
  const components = [
    { name: "API (webhook, checkout return, verify)", cost: cpu("api") },
    { name: "workers (jobs: apply payment, issue, email)", cost: cpu("worker") },
    { name: "renderer (PNG + PDF)", cost: cpu("renderer") },
    { name: "database (FerretDB here)", cost: cpu("database") }
  ]
  const total = components.reduce((sum, c) => sum + c.cost, 0)
  const average = PER_DAY / SECONDS_PER_DAY
  const peak = average * PEAK_FACTOR
  const measured = Math.max(data.throughput1 ?? Number.NaN, data.throughput2 ?? Number.NaN)
  const cpuBound = 2 / total
  const rows = components.map(
    (c) =>
      `| ${c.name} | ${fixed(c.cost, 3)} | ${fixed(c.cost * average)} | ${fixed(c.cost * peak)} | ${Math.max(1, Math.ceil((c.cost * peak) / HEADROOM))} |`
  )
  return [
    "## Capacity model",
    "",
    `From the scaling benchmark's faster run (${data.bestWorkers ?? "?"} worker${data.bestWorkers === 1 ? "" : "s"}): CPU seconds each process spent per certificate delivered`,
    "(completion report, checkout, pay, webhook, issue, render, store, email), read from /proc. The mail",
    "catcher and the sandbox gateways stand in for external services and are left out. These costs include",
    "the retries and duplicate job runs FerretDB causes (see the scaling section), so they are upper bounds.",
    "",
    `**One machine (2 cores, everything on it).** Measured: ${fixed(measured)} certificates/s, i.e.`,
    `${Math.round(measured * SECONDS_PER_DAY).toLocaleString("en")} a day if that rate held around the clock. CPU alone would allow 2 cores / ${fixed(total, 3)} CPU-s`,
    `= ${fixed(cpuBound)} certificates/s; ${measured < cpuBound * 0.6 ? "the gap is waiting, not computing: FerretDB's single SQLite writer serializes every write, and job hand-offs wait for Agenda's poll" : "the machine is close to CPU-bound"}.`,
    "",
    `**1 million certificates a day** = ${PER_DAY.toLocaleString("en")} / ${SECONDS_PER_DAY.toLocaleString("en")} s = ${fixed(average)} certificates/s on average;`,
    `planning for ${PEAK_FACTOR}× that at peak (completions bunch into working hours) = ${fixed(peak)}/s, each process kept under ${HEADROOM * 100} % CPU:`,
    "",
    "| component | CPU-s per certificate (measured) | cores at average | cores at peak | processes (1 core each) at peak |",
    "|---|---|---|---|---|",
    ...rows,
    `| total | ${fixed(total, 3)} | ${fixed(total * average)} | ${fixed(total * peak)} | |`,
    "",
    `**Database.** Each certificate inserted ${fixed(data.documentsPerCertificate ?? Number.NaN, 1)} documents end to end (ledger, audit log, inbox, artifact documents; updates and`,
    `job-queue writes come on top and are not counted), so the peak is at least ${Math.round((data.documentsPerCertificate ?? 0) * peak).toLocaleString("en")} inserts/s. A MongoDB replica set (3 members, writes on the primary,`,
    "majority write concern) is expected to handle that on one primary of 4–8 cores (an assumption, not measured here); FerretDB/SQLite is for development only, since",
    "its single writer already limits the 2-core machine above. Artifacts (≈ 140 KiB per certificate, one document each, ≈ 140 GB a",
    "day at 1 million) are the part that grows: move them to object storage behind the `ArtifactStore` port before that scale.",
    "",
    `**Workers and renderers scale out** (stateless; on MongoDB Agenda's findAndModify lock is atomic, so N workers do not run one job twice):`,
    `at peak, the table's worker and renderer rows are the processes to run, e.g. ${Math.max(1, Math.ceil((cpu("worker") * peak) / HEADROOM))} workers and`,
    `${Math.max(1, Math.ceil((cpu("renderer") * peak) / HEADROOM))} renderer processes, with ${Math.max(2, Math.ceil((cpu("api") * peak) / HEADROOM))} API processes behind a load balancer.`,
    ""
  ].join("\n")
}
