import { JobsAdmin } from "@certify/domain"
import { type RendererServer, startRendererServer } from "@certify/renderer"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { eventually, freePort, type Pipeline, startPipeline } from "./harness.ts"
import { buyAndPay, certificateOf } from "./learner.ts"
import { type SmtpSink, startSmtpSink } from "./smtpSink.ts"

let renderer: RendererServer | undefined
let smtp: SmtpSink | undefined
let pipeline: Pipeline | undefined
afterAll(async () => {
  await pipeline?.close()
  await smtp?.close()
  await renderer?.close()
})

describe("an operator and the dead letters", () => {
  it("a job that keeps failing is dead-lettered and visible; retry revives it once the cause is fixed", async () => {
    const rendererPort = await freePort()
    smtp = await startSmtpSink()
    pipeline = await startPipeline({
      name: "dead_letters",
      rendererUrl: `http://127.0.0.1:${rendererPort}`,
      smtpPort: smtp.port,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, jitter: 0.1 }
    })
    const p = pipeline
    await buyAndPay(p, "ada", "pay-201", "evt_dead_letter")
    const pending = await eventually(() => certificateOf(p, "ada", "pay-201"), "the certificate request")
    const ops = await p.runtime.runPromise(JobsAdmin.use((admin) => Effect.succeed(admin)))
    const { runPromise } = p.runtime

    const dead = await eventually(async () => (await runPromise(ops.deadLetters(10)))[0], "a dead letter")
    expect(dead).toMatchObject({
      name: "issue-certificate",
      key: `issue-certificate:${pending.entitlementId}`,
      state: "dead",
      attempts: 3
    })
    expect(dead.lastError).toMatch(/^RendererUnavailable/)
    expect((await runPromise(ops.counts)).dead).toBe(1)
    // Dead means dead: nothing runs it again by itself.
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect((await runPromise(ops.deadLetters(10)))[0]?.attempts).toBe(3)

    renderer = await startRendererServer({ port: rendererPort, workers: 1 })
    expect(await runPromise(ops.retry(dead.jobId))).toBe("retried")
    await eventually(async () => smtp?.received[0], "the certificate email after the retry")
    expect((await certificateOf(p, "ada", "pay-201"))?.status).toBe("issued")
    expect((await runPromise(ops.counts)).dead).toBe(0)
  })
})
