import { MongoClient } from "mongodb"
import type { Benchmark } from "../Benchmark.ts"
import { verdict } from "../report/BenchResult.ts"
import { stackCpu } from "../support/cpuUsage.ts"
import { ms, percent, perSecond } from "../support/percentiles.ts"
import { purchaseWave } from "../support/purchaseWave.ts"
import { auditHistoryTimings } from "../support/queryTimings.ts"
import { type LoadReport, runChild } from "../support/runChild.ts"
import { startHelloWorld } from "../support/startHelloWorld.ts"

const DURATION_SECONDS = 8
const CONNECTIONS = 32
// Under the API's per-client budget of 120 verifications a minute.
const REQUESTS_PER_ADDRESS = 100
const loadChild = new URL("../load/closedLoopChild.ts", import.meta.url)

const load = (origin: string, path: string) =>
  runChild<LoadReport>(loadChild, {
    origin,
    path,
    durationSeconds: DURATION_SECONDS,
    connections: CONNECTIONS,
    requestsPerAddress: REQUESTS_PER_ADDRESS
  })

export const verifyPage: Benchmark = {
  name: "verify-page",
  run: async ({ stacks, log }) => {
    const stack = await stacks.shared()
    const prefix = `verify${Date.now().toString(36)}`
    await purchaseWave(stack, { prefix, count: 1, ratePerSecond: 0, timeoutMillis: 60_000 })
    const client = await MongoClient.connect(stack.urls.mongodb)
    const certificate = await client
      .db()
      .collection<{ certificateId: string }>("certificates")
      .findOne({ learnerId: `${prefix}-0001`, status: "issued" })
    await client.close()
    if (!certificate) throw new Error("the purchase issued no certificate to verify")
    const path = `/verify/${certificate.certificateId}`
    const page = await fetch(`${stack.urls.api}${path}`)
    log(`verifying ${path}: ${page.status}, ${(await page.text()).length} bytes`)

    const hello = await startHelloWorld()
    const baseline = await load(hello.url, "/").finally(hello.stop)
    const cpu = stackCpu(stack)
    const verify = await load(stack.urls.api, path)
    const cpuSeconds = cpu.used()
    const audit = await auditHistoryTimings(stack.urls.mongodb, certificate.certificateId)
    const ratio = verify.okPerSecond / baseline.okPerSecond
    return {
      name: "verify-page",
      title: "Verification page",
      measuredAt: new Date().toISOString(),
      method: [
        `GET ${"`/verify/:id`"} (the HTML page) of a certificate issued through a sandbox purchase, against the API process of the stack; baseline: a bare \`node:http\` hello-world process, same load, same run.`,
        `Load: a second process, ${CONNECTIONS} keep-alive connections in a closed loop for ${DURATION_SECONDS} s each. Each connection speaks from its own loopback address and moves to a new one after ${REQUESTS_PER_ADDRESS} requests, so the per-client budget (120/min) sees many visitors, as in production, and answers no 429.`
      ],
      figures: [
        { figure: "hello-world throughput", value: perSecond(baseline.okPerSecond) },
        { figure: "hello-world p99", value: ms(baseline.p99) },
        { figure: "verify page throughput", value: perSecond(verify.okPerSecond) },
        { figure: "verify page p50 / p99", value: `${ms(verify.p50)} / ${ms(verify.p99)}` },
        {
          figure: "verify page / hello-world throughput",
          value: percent(ratio),
          target: "≥ 50 %",
          verdict: verdict(ratio >= 0.5)
        },
        { figure: "non-2xx / errors (verify)", value: `${verify.non2xx} / ${verify.errors}` },
        {
          figure: "the certificate's audit history by subject vs one entry by _id",
          value: `${ms(audit.bySubjectMillis)} vs ${ms(audit.byIdMillis)} (median of 10, ${audit.entries.toLocaleString("en")} entries in audit_log)`
        }
      ],
      limits: [
        `CPU seconds during the verify load: ${Object.entries(cpuSeconds)
          .filter(([, seconds]) => seconds >= 0.05)
          .map(([name, seconds]) => `${name} ${seconds.toFixed(1)}`)
          .join(
            ", "
          )} (of ${(2 * DURATION_SECONDS).toFixed(0)} available on 2 cores, the load generator takes the rest).`,
        "Per request the page reads the certificate, its versions and its audit history (the state is replayed from the hash-chained log) through FerretDB, which turns each find into SQLite work; then it checks the per-client rate limit and renders HTML. The hello-world does none of that.",
        audit.bySubjectMillis > 10 * audit.byIdMillis
          ? `FerretDB 1.x on SQLite evaluates the audit history's subject filter by reading the whole audit log (${ms(audit.bySubjectMillis)} over ${audit.entries.toLocaleString("en")} entries vs ${ms(audit.byIdMillis)} by _id), so every verification gets slower as the platform issues more. On MongoDB the {subject.type, subject.id, seq} index serves it; on FerretDB a range on _id (the _id already starts with \`certificate:<id>:\`) would.`
          : `The audit history read costs ${ms(audit.bySubjectMillis)} (${audit.entries.toLocaleString("en")} entries in the log).`,
        "The load generator shares the 2 cores with the API and FerretDB."
      ]
    }
  }
}
