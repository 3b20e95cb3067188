import { type JobSummary, OperatorActions, PaymentId, RequestId } from "@certify/domain"
import { deliverEvent, drainJobs } from "@certify/domain/testing"
import { Option, Schema } from "effect"
import type express from "express"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { demoCompletions } from "../platform/demoCompletions.ts"
import { JOB_DASHBOARD_READ_ONLY } from "./createApp.ts"
import { PLATFORM_KEY, startTestApp } from "./testApp.ts"
import { purchaseStreamUntilEnd, sessionCookie, signIn } from "./trpcHttp.ts"

const job = (jobId: string, state: JobSummary["state"]): JobSummary => ({
  jobId,
  name: "issue-certificate",
  key: `issue-certificate:${jobId}`,
  state,
  attempts: state === "dead" ? 5 : 0,
  ...(state === "dead" ? { lastError: "renderer unavailable", failedAt: new Date("2026-11-01") } : {})
})

const dashboardCalls: Array<string> = []
const agendash: express.RequestHandler = (request, response) => {
  dashboardCalls.push(`${request.method} ${request.path}`)
  response.json({ dashboard: true })
}
const dependencies = { database: true, renderer: true }

let app: Awaited<ReturnType<typeof startTestApp>>
let ops: Awaited<ReturnType<typeof signIn>>

const operatorAction = (requestId: string) =>
  app.runtime.runPromise(
    OperatorActions.use((actions) => actions.find(Schema.decodeUnknownSync(RequestId)(requestId)))
  )

const settle = async (paymentId: string, eventId: string, kind: "payment_succeeded" | "payment_failed") => {
  await app.runtime.runPromise(
    deliverEvent({
      gateway: "stripe",
      eventId,
      kind,
      paymentId: Schema.decodeUnknownSync(PaymentId)(paymentId)
    })
  )
  await app.runtime.runPromise(drainJobs)
}

beforeAll(async () => {
  app = await startTestApp("api_ops_console", {
    jobs: [job("job-dead-1", "dead"), job("job-queued-1", "queued")],
    agendash,
    readiness: async () => ({ ...dependencies })
  })
  for (const body of demoCompletions)
    await fetch(app.url("/platform/v1/completions"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${PLATFORM_KEY}` },
      body: JSON.stringify(body)
    })
  ops = await signIn(app.url, "ops")
})
afterAll(() => app?.close())

describe("an operator answers 'I paid, where is my certificate?'", () => {
  it("finds the payment by its gateway reference and by the certificate id", async () => {
    const ada = await signIn(app.url, "ada")
    const started = (
      await ada.mutation("learner.startPurchase", {
        courseId: "typescript-foundations",
        gateway: "stripe",
        requestId: "req-ops-console-ada"
      })
    ).data as { paymentId: string }
    await settle(started.paymentId, "evt_ops_console_paid", "payment_succeeded")
    const [row] = (await ops.query("ops.search", { query: started.paymentId })).data as Array<{
      checkoutRef: string | null
    }>
    expect(row?.checkoutRef).toEqual(expect.any(String))
    const byReference = (await ops.query("ops.search", { query: row?.checkoutRef })).data as Array<{
      paymentId: string
    }>
    expect(byReference.map((p) => p.paymentId)).toEqual([started.paymentId])

    const [certificate] = (await ada.query("learner.certificates")).data as Array<{ certificateId: string }>
    for (const query of [certificate?.certificateId, certificate?.certificateId.toLowerCase()]) {
      const byCertificate = (await ops.query("ops.search", { query })).data as Array<{ paymentId: string }>
      expect(byCertificate.map((p) => p.paymentId)).toEqual([started.paymentId])
    }
  })

  it("starts a reconciliation: the run is listed and the operator's action is on record", async () => {
    const started = await ops.mutation("ops.startReconciliation", {
      gateway: "stripe",
      note: "learner says they paid yesterday",
      requestId: "req-ops-reconcile-1"
    })
    expect(started.data).toMatchObject({ outcome: "done" })
    const runs = (await ops.query("ops.reconciliationRuns")).data as Array<{
      gateway: string
      outcome: string
    }>
    expect(runs).toContainEqual(expect.objectContaining({ gateway: "stripe", outcome: "completed" }))
    const action = await operatorAction("req-ops-reconcile-1")
    expect(Option.getOrUndefined(action)).toMatchObject({
      operatorId: "ops",
      kind: "start_reconciliation",
      subjectId: "stripe"
    })
  })

  it("retries a dead job once, on record, and records nothing for a missing or a live job", async () => {
    const retry = (jobId: string, requestId: string) =>
      ops.mutation("ops.retryJob", { jobId, note: "renderer is back up", requestId })
    expect((await retry("job-dead-1", "req-retry-dead-1")).data).toMatchObject({ outcome: "done" })
    expect((await retry("job-dead-1", "req-retry-dead-1")).data).toMatchObject({ outcome: "duplicate" })
    const deadLetters = (await ops.query("ops.deadLetters")).data as Array<{ jobId: string }>
    expect(deadLetters.map((j) => j.jobId)).not.toContain("job-dead-1")
    expect(Option.getOrUndefined(await operatorAction("req-retry-dead-1"))).toMatchObject({
      operatorId: "ops",
      kind: "retry_job",
      subjectId: "job-dead-1"
    })

    const missing = await retry("job-that-never-was", "req-retry-missing")
    expect(missing.error?.data).toMatchObject({ code: "BAD_REQUEST" })
    expect(missing.error?.message).toMatch(/no such job/)
    const live = await retry("job-queued-1", "req-retry-live")
    expect(live.error?.message).toMatch(/only a dead-lettered job/)
    expect(Option.isNone(await operatorAction("req-retry-missing"))).toBe(true)
    expect(Option.isNone(await operatorAction("req-retry-live"))).toBe(true)
  })
})

describe("a learner's declined payment", () => {
  it("keeps the live status open after a decline, since a retry on the same checkout can still succeed", async () => {
    const ravi = await signIn(app.url, "ravi")
    const started = (
      await ravi.mutation("learner.startPurchase", {
        courseId: "typescript-foundations",
        gateway: "stripe",
        requestId: "req-ops-console-ravi"
      })
    ).data as { paymentId: string }
    await settle(started.paymentId, "evt_ops_console_declined", "payment_failed")
    const stream = purchaseStreamUntilEnd(
      app.url,
      await sessionCookie(app.url, "ravi"),
      started.paymentId,
      20_000
    )
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    await settle(started.paymentId, "evt_ops_console_ravi_paid", "payment_succeeded")
    const seen = await stream
    expect(seen).toContain('"stage":"declined"')
    expect(seen).toContain('"stage":"ready"')
  })
})

describe("operations endpoints", () => {
  it("keeps the job dashboard read-only: changes go through the audited ops.retryJob", async () => {
    const cookie = await sessionCookie(app.url, "ops")
    const view = await fetch(app.url("/ops/jobs/api?state=failed"), { headers: { cookie } })
    expect(view.status).toBe(200)
    for (const path of [
      "/ops/jobs/api/jobs/delete",
      "/ops/jobs/api/jobs/requeue",
      "/ops/jobs/api/jobs/create"
    ]) {
      const change = await fetch(app.url(path), {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ jobIds: ["job-dead-1"] })
      })
      expect(change.status).toBe(405)
      expect(change.headers.get("allow")).toBe("GET, HEAD")
      expect(await change.text()).toBe(JOB_DASHBOARD_READ_ONLY)
    }
    expect((await fetch(app.url("/ops/jobs/api/jobs/delete"), { method: "POST" })).status).toBe(401)
    expect(dashboardCalls).toEqual(["GET /api"])
  })

  it("answers /readyz with 503 naming the dependency that is down", async () => {
    expect((await fetch(app.url("/readyz"))).status).toBe(200)
    dependencies.renderer = false
    try {
      const down = await fetch(app.url("/readyz"))
      expect(down.status).toBe(503)
      expect(await down.json()).toMatchObject({ status: "not ready", failing: ["renderer"] })
    } finally {
      dependencies.renderer = true
    }
  })
})
