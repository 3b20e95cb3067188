import type { Benchmark } from "../Benchmark.ts"
import type { Figure } from "../report/BenchResult.ts"
import { documentCounts, documentsAdded } from "../support/documentCounts.ts"
import { percentile, seconds } from "../support/percentiles.ts"
import { purchaseWave, type WaveResult } from "../support/purchaseWave.ts"
import { contentionMessages, countLogMessages, describeCounts } from "../support/stackLog.ts"

const BACKLOG = 20

const throughput = (wave: WaveResult) => (wave.delivered / wave.wallMillis) * 1000

export const scaling: Benchmark = {
  name: "scaling",
  run: async ({ stacks, log }) => {
    const waves: Array<{
      workers: number
      wave: WaveResult
      contention: Record<string, number>
      written: Record<string, number>
    }> = []
    for (const workers of [1, 2]) {
      const stack = await stacks.fresh(`bench-scaling-${workers}w`, { workers })
      try {
        const before = await documentCounts(stack.urls.mongodb)
        const begun = new Date()
        const wave = await purchaseWave(stack, {
          prefix: `scale${workers}w`,
          count: BACKLOG,
          ratePerSecond: 0,
          timeoutMillis: 60_000
        })
        log(
          `${workers} worker(s): ${wave.delivered}/${BACKLOG} in ${seconds(wave.wallMillis)} → ${throughput(wave).toFixed(2)}/s`
        )
        waves.push({
          workers,
          wave,
          contention: countLogMessages(`bench-scaling-${workers}w`, begun, contentionMessages),
          written: documentsAdded(before, await documentCounts(stack.urls.mongodb))
        })
      } finally {
        await stack.stop()
      }
    }
    const two = waves.find((w) => w.workers === 2)?.wave
    const one = waves.find((w) => w.workers === 1)?.wave
    // Costs come from the faster run: retries and duplicate runs in the slower one are waste, not cost.
    const best = [...waves].sort((a, b) => throughput(b.wave) - throughput(a.wave))[0]
    const delivered = Math.max(1, best?.wave.delivered ?? 0)
    const perCertificate = Object.fromEntries(
      Object.entries(best?.wave.cpuSeconds ?? {}).map(([name, cpu]) => [name, cpu / delivered])
    )
    const written = best?.written ?? {}
    const bestLabel = `${best?.workers ?? "?"}-worker run`
    const figures: Figure[] = waves.flatMap(({ workers, wave, contention }) => [
      {
        figure: `${workers} worker${workers > 1 ? "s" : ""}: pipeline throughput`,
        value: `${throughput(wave).toFixed(2)} certificates/s (${wave.delivered}/${wave.purchases} in ${seconds(wave.wallMillis)})`
      },
      {
        figure: `${workers} worker${workers > 1 ? "s" : ""}: paid → emailed p50 / p99 under the backlog`,
        value: `${seconds(percentile(wave.latencies, 0.5))} / ${seconds(percentile(wave.latencies, 0.99))}`
      },
      {
        figure: `${workers} worker${workers > 1 ? "s" : ""}: contention in the log`,
        value: describeCounts(contention)
      }
    ])
    if (one && two)
      figures.push({
        figure: "2 workers / 1 worker",
        value: `${(throughput(two) / throughput(one)).toFixed(2)}×`
      })
    figures.push({
      figure: `CPU seconds per certificate (${bestLabel}, the faster), by process`,
      value: Object.entries(perCertificate)
        .map(([name, cpu]) => `${name} ${cpu.toFixed(3)}`)
        .join(", ")
    })
    const documentsPerCertificate = Object.values(written).reduce((a, b) => a + b, 0) / delivered
    figures.push({
      figure: `documents inserted per certificate (completion to email), ${bestLabel}`,
      value: `${documentsPerCertificate.toFixed(1)} (${Object.entries(written)
        .map(([name, added]) => `${name} ${(added / delivered).toFixed(1)}`)
        .join(", ")})`
    })
    return {
      name: "scaling",
      title: "Scaling: one worker vs two",
      measuredAt: new Date().toISOString(),
      method: [
        `A fresh stack with 1 worker, then one with 2 workers (\`startTestStack\` option \`workers\`). ${BACKLOG} learners with open checkouts all press Pay at once; the clock runs from the first Pay to the last certificate email in maildev.`,
        "CPU time of each process (from /proc, FerretDB found by its port) over the wave, divided by the certificates delivered: the per-certificate cost the capacity model below uses."
      ],
      figures,
      limits: [
        "Both workers, the renderer, the API and FerretDB share 2 cores: a second worker adds job concurrency, not CPU, so it helps only while the first waits on I/O (database round trips, SMTP, the renderer).",
        "FerretDB's SQLite backend has one writer: the workers' job locking (Agenda findAndModify) and ledger writes queue on it and answer SQLITE_BUSY under load.",
        "Jobs run more than once (see the contention counts): a second issue run re-enqueues the email while the first email job runs (the queue's dedupe only looks at waiting jobs), and the second email job then fails on the first one's send lease (60 s) and retries with backoff. Every such retry is a scan of agendaJobs on FerretDB, so the backlog slows itself down; with two workers, non-atomic locks add whole duplicate runs.",
        "Certificates not delivered within the timeout are left out of the throughput, which is delivered / (first Pay → last email)."
      ],
      data: {
        ...Object.fromEntries(Object.entries(perCertificate).map(([name, cpu]) => [`cpu.${name}`, cpu])),
        documentsPerCertificate,
        bestWorkers: best?.workers ?? Number.NaN,
        throughput1: one ? throughput(one) : Number.NaN,
        throughput2: two ? throughput(two) : Number.NaN
      }
    }
  }
}
