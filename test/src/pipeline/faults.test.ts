import { Certificates, JobsAdmin } from "@certify/domain"
import { type RendererServer, startRendererServer } from "@certify/renderer"
import { Option } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { eventually, freePort, type Pipeline, startPipeline } from "./harness.ts"
import { buyAndPay, certificateOf, expectedMessageId, readCertificateMail } from "./learner.ts"
import { startSmtpSink } from "./smtpSink.ts"

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
const started = async <T extends { close(): Promise<void> }>(service: Promise<T>) => {
  const s = await service
  cleanups.push(() => s.close())
  return s
}

const jobsFor = (pipeline: Pipeline, subjectId: string) =>
  pipeline.runtime.runPromise(JobsAdmin.use((admin) => admin.forSubject(subjectId, 10)))

/** Waits until the job about this subject has failed at least `attempts` times. */
const failedAtLeast = (pipeline: Pipeline, subjectId: string, attempts: number) =>
  eventually(async () => {
    const jobs = await jobsFor(pipeline, subjectId)
    return jobs.find((j) => j.attempts >= attempts)
  }, `${attempts} failed attempts for ${subjectId}`)

describe("the pipeline recovers from faults", () => {
  it("renderer down: the job retries, and issues once the renderer is back", async () => {
    const rendererPort = await freePort()
    const smtp = await started(startSmtpSink())
    const pipeline: Pipeline = await started(
      startPipeline({
        name: "renderer_down",
        rendererUrl: `http://127.0.0.1:${rendererPort}`,
        smtpPort: smtp.port
      })
    )
    await buyAndPay(pipeline, "ada", "ts-101", "evt_renderer_down")
    const pending = await eventually(
      () => certificateOf(pipeline, "ada", "ts-101"),
      "the certificate request"
    )
    const failing = await failedAtLeast(pipeline, pending.entitlementId, 2)
    expect(failing.lastError).toMatch(/^RendererUnavailable/)
    expect(smtp.received).toHaveLength(0)

    await started(startRendererServer({ port: rendererPort, workers: 1 }))
    const mail = await eventually(async () => smtp.received[0], "the certificate email")
    const certificate = await certificateOf(pipeline, "ada", "ts-101")
    expect(certificate?.status).toBe("issued")
    expect(certificate?.versions).toHaveLength(1)
    if (certificate !== undefined)
      expect(readCertificateMail(mail).messageId).toBe(expectedMessageId(certificate))
  })

  it("SMTP down: the email job retries without a second certificate, and one email arrives", async () => {
    const renderer: RendererServer = await started(startRendererServer({ port: 0, workers: 1 }))
    const smtpPort = await freePort()
    const pipeline: Pipeline = await started(
      startPipeline({ name: "smtp_down", rendererUrl: renderer.url, smtpPort })
    )
    await buyAndPay(pipeline, "ravi", "pay-201", "evt_smtp_down")
    const issued = await eventually(async () => {
      const c = await certificateOf(pipeline, "ravi", "pay-201")
      return c?.status === "issued" ? c : undefined
    }, "the issued certificate")
    const failing = await failedAtLeast(pipeline, issued.certificateId, 2)
    expect(failing.lastError).toMatch(/^MailUnavailable/)

    const smtp = await started(startSmtpSink(smtpPort))
    const mail = await eventually(async () => smtp.received[0], "the certificate email")
    expect(readCertificateMail(mail).messageId).toBe(expectedMessageId(issued))
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(smtp.received).toHaveLength(1)
    const certificate = await pipeline.runtime.runPromise(
      Certificates.use((c) => c.findByEntitlement(issued.entitlementId))
    )
    expect(Option.getOrThrow(certificate).certificateId).toBe(issued.certificateId)
    expect((await certificateOf(pipeline, "ravi", "pay-201"))?.versions).toHaveLength(1)
  })
})
