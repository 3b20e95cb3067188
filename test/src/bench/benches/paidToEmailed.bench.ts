import type { Benchmark } from "../Benchmark.ts"
import { verdict } from "../report/BenchResult.ts"
import { percentile, perSecond, seconds } from "../support/percentiles.ts"
import { payWave, preparePurchases } from "../support/purchaseWave.ts"
import { contentionMessages, countLogMessages, describeCounts } from "../support/stackLog.ts"

const RATE = 20
const PURCHASES = 100
// A gentle wave first, as a reference for what one purchase costs when nothing queues.
const GENTLE_RATE = 2
const GENTLE_PURCHASES = 20

export const paidToEmailed: Benchmark = {
  name: "paid-to-emailed",
  run: async ({ stacks, log }) => {
    const stack = await stacks.shared()
    const begun = new Date()
    // Both waves' learners are prepared first, while the stack is idle: setup is not what is timed.
    const stamp = Date.now().toString(36)
    const gentlePurchases = await preparePurchases(stack, `gentle${stamp}`, GENTLE_PURCHASES)
    const measuredPurchases = await preparePurchases(stack, `p2e${stamp}`, PURCHASES)
    log(`prepared ${GENTLE_PURCHASES + PURCHASES} purchases in ${seconds(Date.now() - begun.getTime())}`)
    const gentle = await payWave(stack, gentlePurchases, {
      ratePerSecond: GENTLE_RATE,
      timeoutMillis: 45_000
    })
    log(
      `paid→emailed at ${GENTLE_RATE}/s: ${gentle.delivered}/${gentle.purchases}, p50 ${seconds(percentile(gentle.latencies, 0.5))}, p99 ${seconds(percentile(gentle.latencies, 0.99))}`
    )
    const wave = await payWave(stack, measuredPurchases, { ratePerSecond: RATE, timeoutMillis: 45_000 })
    const contention = countLogMessages("bench-shared", begun, contentionMessages)
    const p50 = percentile(wave.latencies, 0.5)
    const p99 = percentile(wave.latencies, 0.99)
    log(
      `paid→emailed: ${wave.delivered}/${wave.purchases} delivered, p50 ${seconds(p50)}, p99 ${seconds(p99)}`
    )
    return {
      name: "paid-to-emailed",
      title: "Paid → emailed latency at 20 purchases/s",
      measuredAt: new Date().toISOString(),
      method: [
        `Reference wave: ${GENTLE_PURCHASES} purchases at ${GENTLE_RATE}/s. Measured wave: ${PURCHASES} purchases at ${RATE}/s.`,
        `Each learner reports a completion through \`POST /platform/v1/completions\` and opens a Stripe checkout (not timed).`,
        `Then "Pay" is pressed on the sandbox (\`POST /__sandbox/pay\`) evenly spaced at the wave's rate; the clock runs from that call to the email's arrival in maildev (the poll that first sees it, every 250 ms).`,
        "In between, all real processes: signed webhook → API → inbox → worker applies the payment and grants → issue job renders PNG + PDF on the renderer, stores them as documents keyed by certificate and version → email job sends over SMTP with both attached.",
        "Stack: FerretDB, maildev, sandbox, renderer, 2 workers and the API on this one machine."
      ],
      figures: [
        {
          figure: `reference: ${GENTLE_RATE} purchases/s (${GENTLE_PURCHASES}), p50 / p99`,
          value: `${seconds(percentile(gentle.latencies, 0.5))} / ${seconds(percentile(gentle.latencies, 0.99))} (${gentle.delivered} of ${gentle.purchases} delivered)`
        },
        {
          figure: `${RATE}/s: delivered within 45 s of the last Pay`,
          value: `${wave.delivered} of ${wave.purchases}`
        },
        {
          figure: `${RATE}/s: p50 paid → emailed`,
          value: seconds(p50),
          target: "≤ 2 s",
          verdict: verdict(p50 <= 2000)
        },
        {
          figure: `${RATE}/s: p99 paid → emailed`,
          value: seconds(p99),
          target: "≤ 5 s",
          verdict: verdict(p99 <= 5000)
        },
        {
          figure: `${RATE}/s: max`,
          value: wave.latencies.length > 0 ? seconds(Math.max(...wave.latencies)) : "n/a"
        },
        {
          figure: `${RATE}/s: sustained certificates emailed`,
          value: perSecond((wave.delivered / wave.wallMillis) * 1000)
        },
        {
          figure: `${RATE}/s: CPU seconds per delivered certificate (all processes)`,
          value:
            wave.delivered === 0
              ? "n/a"
              : (Object.values(wave.cpuSeconds).reduce((a, b) => a + b, 0) / wave.delivered).toFixed(3)
        }
      ],
      limits: [
        `CPU time by process during the wave: ${Object.entries(wave.cpuSeconds)
          .map(([name, cpu]) => `${name} ${cpu.toFixed(1)} s`)
          .join(", ")} over ${seconds(wave.wallMillis)} wall on 2 cores.`,
        `The stack's log over both waves: ${describeCounts(contention)}. On FerretDB a job lock (findAndModify) is not atomic, so both workers can take one job; the second is skipped or, for an email, finds the first one's send lease and retries after it expires, which adds the lease to that certificate's latency.`,
        "Job pickup: the workers poll Agenda's queue, so each of the two hops (issue, email) can wait up to one poll interval."
      ]
    }
  }
}
