import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { reconcileGateway } from "@certify/domain"
import type { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openCliRuntime } from "../../../api/src/cli/cliRuntime.ts"
import type { ManagedProcess } from "../../../api/src/main/process/ManagedProcess.ts"
import type { EmbeddedStack } from "../../../api/src/main/stack/EmbeddedStack.ts"
import { demoCompletions } from "../../../api/src/platform/demoCompletions.ts"
import type { SignedInClient } from "../stack/learnerClient.ts"
import { messageIdOf, receivedEmails } from "../stack/mailbox.ts"
import { startTestStack, testResultsDir } from "../stack/startTestStack.ts"
import { ledgerCensus } from "./support/ledgerCensus.ts"
import { drivePurchase, type PlannedPurchase, persist } from "./support/purchaseDriver.ts"

/** 67 learners × 3 courses = 201 purchases; CHAOS_LEARNERS=n for a quicker local run. */
const LEARNERS = Number(process.env.CHAOS_LEARNERS ?? 67)
const COURSES = [...new Map(demoCompletions.map((c) => [c.course.courseId, c])).values()]
const QUIESCENCE_TIMEOUT_MS = 240_000
/**
 * Purchases started per second (CHAOS_RATE). Below what two workers sustain on FerretDB's SQLite handler
 * on 2 cores (docs/benchmarks.md, scaling): the test is about faults, and a backlog that only grows
 * would measure overload instead.
 */
const RATE = Number(process.env.CHAOS_RATE ?? 2)
/** CHAOS_FAULTS=0: the same load with no kills and no restart, as a baseline. */
const FAULTS = process.env.CHAOS_FAULTS !== "0"
const learnerIds = Array.from({ length: LEARNERS }, (_, i) => `load-${String(i + 1).padStart(4, "0")}`)

/** A seeded PRNG, so a failing run's kill sequence can be replayed (CHAOS_SEED=…). */
const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000)
let state = seed
const random = () => {
  state = (state * 1_103_515_245 + 12_345) % 2 ** 31
  return state / 2 ** 31
}

/** Waits until a process answers again; a restart that itself crashes (e.g. SQLITE_BUSY at start-up) is retried by its supervisor. */
const backUp = async (process: ManagedProcess) => {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      return await process.ready()
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1_000))
    }
  }
  throw new Error(`${process.name} did not come back`)
}

/**
 * Part of the suite (CHAOS=0 skips it for a quick local loop). It fits CI's budget since a poll reads
 * the jobs collection once and locks by `_id`: Agenda's own per-kind lock queries decoded the whole
 * collection per lock on FerretDB, and a backlog grew faster than the workers drained it.
 */
describe.skipIf(process.env.CHAOS === "0")(
  "multi-process chaos: SIGKILLs and a database restart while learners buy",
  () => {
    let stack: EmbeddedStack
    const report: Record<string, unknown> = { seed }

    beforeAll(async () => {
      stack = await startTestStack("chaos", {
        workers: 2,
        env: {
          DEMO_LOAD_LEARNERS: String(LEARNERS),
          RATE_LIMIT_START_PURCHASE: "1000/1",
          RATE_LIMIT_PLATFORM: "100000/60",
          SWEEP_INBOX_EVERY: "3 seconds",
          SWEEP_DELAY_MS: "3000",
          RECONCILE_EVERY: "10 seconds",
          JANITOR_EVERY: "10 seconds"
        }
      })
      // The learners' completions come from the platform, through its endpoint.
      for (const learnerId of learnerIds)
        for (const course of COURSES) {
          const response = await fetch(`${stack.urls.api}/platform/v1/completions`, {
            method: "POST",
            headers: {
              authorization: `Bearer ${stack.secrets.platformApiKey}`,
              "content-type": "application/json"
            },
            body: JSON.stringify({
              ...course,
              learner: { learnerId, email: `${learnerId}@example.org`, displayName: `Learner ${learnerId}` },
              completion: { completedOn: "2026-11-01", printedName: `Learner ${learnerId}` }
            })
          })
          expect(response.status).toBeLessThan(300)
        }
      for (const gateway of ["stripe", "razorpay"])
        await fetch(`${stack.urls.sandbox}/__sandbox/faults`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ gateway, duplicateRate: 0.2, dropRate: 0.05, reorderWindowMs: 400 })
        })
    }, 180_000)

    afterAll(async () => {
      writeFileSync(join(testResultsDir, "chaos.json"), `${JSON.stringify(report, null, 2)}\n`)
      await stack?.stop()
    }, 60_000)

    it("delivers exactly one entitlement, certificate and email per paid purchase", async () => {
      const plan: PlannedPurchase[] = learnerIds.flatMap((learner, l) =>
        COURSES.map((course, c) => ({
          learner,
          courseId: course.course.courseId,
          gateway: (l + c) % 2 === 0 ? ("stripe" as const) : ("razorpay" as const),
          doubleClick: random() < 0.1
        }))
      )
      const killable = stack.processes.filter((p) => /^(api|worker-\d|renderer)$/.test(p.name))
      const kills: string[] = []
      let databaseRestarts = 0
      let chaosOn = true
      const startedAt = Date.now()

      const chaos = (async () => {
        while (chaosOn && FAULTS) {
          await new Promise((resolve) => setTimeout(resolve, 2_000 + random() * 3_000))
          if (!chaosOn) break
          if (databaseRestarts === 0 && Date.now() - startedAt > 20_000) {
            databaseRestarts++
            await stack.restartDatabase()
            continue
          }
          const victim = killable[Math.floor(random() * killable.length)]
          if (victim?.pid()) {
            kills.push(victim.name)
            victim.kill("SIGKILL")
            // The next kill waits until this one is back: a crash loop would only measure start-up time.
            await new Promise((resolve) => setTimeout(resolve, 2_500))
            await backUp(victim)
          }
        }
      })()

      const clients = new Map<string, SignedInClient>()
      const results: Array<{ paymentId: string; distinctPaymentsFromClicks: number }> = []
      const queue = [...plan]
      let nextStartAt = Date.now()
      const paced = async () => {
        const at = Math.max(Date.now(), nextStartAt)
        nextStartAt = at + 1000 / RATE
        await new Promise((resolve) => setTimeout(resolve, at - Date.now()))
      }
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            await paced()
            results.push(await drivePurchase(stack.urls, clients, next))
            if (results.length % 25 === 0)
              console.log(
                `chaos: ${results.length}/${plan.length} purchases paid after ${(Date.now() - startedAt) / 1000} s, ${kills.length} kills`
              )
          }
        })
      )
      const drivenAt = Date.now()
      // Keep killing while the pipeline works through the backlog, then let it settle.
      await new Promise((resolve) => setTimeout(resolve, 10_000))
      chaosOn = false
      await chaos
      await Promise.all(stack.processes.map(backUp))

      const cli = await persist("open a runtime on the stack", async () => {
        process.env.CERTIFY_DATA_DIR = stack.dataDir
        return openCliRuntime()
      })
      try {
        let census: Effect.Success<ReturnType<typeof ledgerCensus>> | undefined
        const deadline = Date.now() + QUIESCENCE_TIMEOUT_MS
        while (Date.now() < deadline) {
          // The census reads the whole ledger; until every purchase's email is in, the mailbox says enough.
          const emails = await receivedEmails(stack.urls.mailWeb)
          const delivered = new Set(emails.map(messageIdOf)).size
          if (delivered < plan.length && Date.now() < deadline - 5_000) {
            console.log(`chaos: waiting for quiescence, ${delivered}/${plan.length} emails`)
            await new Promise((resolve) => setTimeout(resolve, 2_000))
            continue
          }
          census = await cli.runtime.runPromise(ledgerCensus(learnerIds, emails))
          if (census.violations.length === 0) break
          console.log(
            `chaos: waiting for quiescence, ${census.violations.length} open (${census.violations[0]})`
          )
          await new Promise((resolve) => setTimeout(resolve, 2_000))
        }
        const quiescentAt = Date.now()
        // (5) once quiet, reconciliation finds nothing to fix, twice over.
        const reruns = []
        for (const gateway of ["stripe", "razorpay"] as const)
          for (let pass = 0; pass < 2; pass++)
            reruns.push(await cli.runtime.runPromise(reconcileGateway(gateway)))

        Object.assign(report, {
          purchases: plan.length,
          purchasesPerSecond: RATE,
          doubleClicks: plan.filter((p) => p.doubleClick).length,
          doubleClicksThatOpenedTwoPayments: results.filter((r) => r.distinctPaymentsFromClicks > 1).length,
          ...census,
          violations: census?.violations.slice(0, 20),
          kills: kills.length,
          killsByProcess: Object.fromEntries(
            killable.map((p) => [p.name, kills.filter((k) => k === p.name).length])
          ),
          restartsObserved: Object.fromEntries(stack.processes.map((p) => [p.name, p.restarts()])),
          databaseRestarts,
          driveSeconds: (drivenAt - startedAt) / 1000,
          secondsToQuiescence: (quiescentAt - drivenAt) / 1000,
          reconciliationAfterQuiescence: reruns.map((r) => ({
            gateway: r.gateway,
            seen: r.seen,
            fixed: r.fixed,
            flagged: r.flagged
          }))
        })
        console.log(`chaos report\n${JSON.stringify(report, null, 2)}`)

        expect(census?.violations ?? ["no census"]).toEqual([])
        expect(census?.payments).toBe(plan.length)
        expect(census?.succeeded).toBe(plan.length)
        expect(census?.entitlements).toBe(plan.length)
        expect(census?.issued).toBe(plan.length)
        if (FAULTS) {
          expect(kills.length).toBeGreaterThan(5)
          expect(databaseRestarts).toBe(1)
        }
        for (const run of reruns)
          expect({ fixed: run.fixed, flagged: run.flagged }).toEqual({ fixed: 0, flagged: 0 })
      } finally {
        await cli.close()
      }
    }, 720_000)
  }
)
