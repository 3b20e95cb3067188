import { JOB_NAMES, jobData } from "@certify/adapters/jobs"
import { GatewayEventId } from "@certify/domain"
import { type RendererServer, startRendererServer } from "@certify/renderer"
import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually, type Pipeline, startPipeline } from "./harness.ts"
import { buyAndPay, certificateOf, readCertificateMail } from "./learner.ts"
import { type SmtpSink, startSmtpSink } from "./smtpSink.ts"

let renderer: RendererServer
let smtp: SmtpSink
let pipeline: Pipeline

beforeAll(async () => {
  renderer = await startRendererServer({ port: 0, workers: 1 })
  smtp = await startSmtpSink()
  pipeline = await startPipeline({
    name: "two_workers",
    rendererUrl: renderer.url,
    smtpPort: smtp.port,
    workers: 2
  })
})
afterAll(async () => {
  await pipeline?.close()
  await smtp?.close()
  await renderer?.close()
})

const purchases = [
  ["ada", "ts-101"],
  ["ravi", "pay-201"]
] as const

describe("two workers on one database", () => {
  it("even when both run the same job at once, each purchase gets one certificate and one email", async () => {
    await Promise.all(
      purchases.map(async ([learner, course], i) => {
        const eventId = `evt_two_workers_${i}`
        await buyAndPay(pipeline, learner, course, eventId)
        // A duplicate of the webhook's job straight onto each worker's queue, as a non-atomic lock
        // (FerretDB) or a double enqueue would produce: both workers process the same event.
        const job = {
          _tag: "ProcessGatewayEvent",
          gateway: "stripe",
          eventId: Schema.decodeUnknownSync(GatewayEventId)(eventId)
        } as const
        await Promise.all(
          pipeline.agendas.map((agenda) =>
            agenda.create(JOB_NAMES.ProcessGatewayEvent, jobData(job)).schedule(new Date()).save()
          )
        )
      })
    )
    await eventually(
      async () => (smtp.received.length >= purchases.length ? true : undefined),
      "one email per purchase",
      20_000
    )
    await new Promise((resolve) => setTimeout(resolve, 1_000))

    const certificates = await Promise.all(
      purchases.map(([learner, course]) => certificateOf(pipeline, learner, course))
    )
    for (const certificate of certificates) {
      expect(certificate?.status).toBe("issued")
      expect(certificate?.versions).toHaveLength(1)
    }
    const messageIds = smtp.received.map((mail) => readCertificateMail(mail).messageId)
    expect(messageIds).toHaveLength(purchases.length)
    expect(new Set(messageIds).size).toBe(purchases.length)
  })
})
