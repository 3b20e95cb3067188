import { CertificateLinks, CertificateRenderer, JobsAdmin, renderRequestFor } from "@certify/domain"
import { type RendererServer, startRendererServer } from "@certify/renderer"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually, type Pipeline, PUBLIC_BASE_URL, startPipeline } from "./harness.ts"
import {
  buyAndPay,
  certificateOf,
  expectedMessageId,
  readCertificateMail,
  sha256,
  storedBytes
} from "./learner.ts"
import { qrCodeOfPdf, qrCodeOfPng } from "./qrCodes.ts"
import { type SmtpSink, startSmtpSink } from "./smtpSink.ts"

let renderer: RendererServer
let smtp: SmtpSink
let pipeline: Pipeline

beforeAll(async () => {
  renderer = await startRendererServer({ port: 0, workers: 1 })
  smtp = await startSmtpSink()
  pipeline = await startPipeline({ name: "paid_to_emailed", rendererUrl: renderer.url, smtpPort: smtp.port })
})
afterAll(async () => {
  await pipeline?.close()
  await smtp?.close()
  await renderer?.close()
})

describe("a learner pays and receives the certificate by email", () => {
  it("one certificate, its PNG and PDF stored with matching SHA-256, one email with both attached", async () => {
    await buyAndPay(pipeline, "ada", "ts-101", "evt_paid_1")
    const mail = await eventually(async () => smtp.received[0], "the certificate email")
    const certificate = await eventually(
      async () =>
        (await certificateOf(pipeline, "ada", "ts-101"))?.status === "issued"
          ? certificateOf(pipeline, "ada", "ts-101")
          : undefined,
      "the issued certificate"
    )
    const version = certificate.versions[0]
    if (version === undefined) throw new Error("no rendition recorded")
    expect(certificate.versions).toHaveLength(1)

    const png = await storedBytes(pipeline, version.png.key)
    const pdf = await storedBytes(pipeline, version.pdf.key)
    expect(sha256(png)).toBe(version.png.sha256)
    expect(sha256(pdf)).toBe(version.pdf.sha256)
    expect(Buffer.from(png.subarray(0, 8)).toString("latin1")).toBe("\x89PNG\r\n\x1a\n")
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-")

    // A retried render gives byte-identical artifacts, so a retried job stores exactly what is recorded.
    const again = await pipeline.runtime.runPromise(
      Effect.gen(function* () {
        const request = renderRequestFor(certificate, yield* CertificateLinks)
        const render = yield* CertificateRenderer
        return { png: yield* render.render(request, "png"), pdf: yield* render.render(request, "pdf") }
      })
    )
    expect(sha256(again.png)).toBe(version.png.sha256)
    expect(sha256(again.pdf)).toBe(version.pdf.sha256)

    const received = readCertificateMail(mail)
    expect(received.to).toEqual(["ada@example.org"])
    expect(received.messageId).toBe(expectedMessageId(certificate))
    expect(received.pdf && sha256(received.pdf)).toBe(version.pdf.sha256)
    expect(received.png && sha256(received.png)).toBe(version.png.sha256)
    const verificationUrl = `${PUBLIC_BASE_URL}/verify/${certificate.certificateId}`
    expect(received.text).toContain(verificationUrl)
    expect(received.text).toContain(`${PUBLIC_BASE_URL}/certificates/${certificate.certificateId}`)
    // What a verifier's phone reads off the emailed image and off the printed PDF.
    if (received.png === undefined || received.pdf === undefined) throw new Error("attachments missing")
    expect(qrCodeOfPng(received.png)).toBe(verificationUrl)
    expect(qrCodeOfPdf(received.pdf)).toBe(verificationUrl)

    // Each job ran and nothing is left over: one email, and finished one-off jobs are removed.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(smtp.received).toHaveLength(1)
    const jobs = await pipeline.runtime.runPromise(
      Effect.gen(function* () {
        const admin = yield* JobsAdmin
        return {
          issue: yield* admin.forSubject(certificate.entitlementId, 10),
          email: yield* admin.forSubject(certificate.certificateId, 10),
          counts: yield* admin.counts
        }
      })
    )
    expect(jobs.issue).toEqual([])
    expect(jobs.email).toEqual([])
    expect(jobs.counts).toMatchObject({ dead: 0, retrying: 0, running: 0, queued: 0 })
  })
})
