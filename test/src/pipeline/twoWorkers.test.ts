import { JOB_NAMES, jobCollection, jobData } from "@certify/adapters/jobs"
import { type Certificate, emailKey, GatewayEventId, type Job } from "@certify/domain"
import { type RendererServer, startRendererServer } from "@certify/renderer"
import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually, type Pipeline, startPipeline } from "./harness.ts"
import { buyAndPay, certificateOf, expectedMessageId, readCertificateMail } from "./learner.ts"
import { countRows } from "./ledgerRows.ts"
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

/**
 * A copy of the job straight onto each worker's queue, as a non-atomic lock (FerretDB) or a double
 * enqueue would produce. Agenda starts a job its own process enqueues at once, so each copy most
 * likely runs on the worker that enqueued it, while the pipeline's own job runs too.
 */
const onEveryWorker = (job: Job) =>
  Promise.all(
    pipeline.agendas.map((agenda) =>
      agenda.create(JOB_NAMES[job._tag], jobData(job)).schedule(new Date()).save()
    )
  )

/** The kinds a purchase runs, duplicated on both workers below. */
const PURCHASE_JOB_KINDS = [
  JOB_NAMES.ProcessGatewayEvent,
  JOB_NAMES.IssueCertificate,
  JOB_NAMES.SendCertificateEmail
]

/** Job kinds that some worker has not run yet (by its own count of use-case runs). */
const notRunOnEveryWorker = () =>
  PURCHASE_JOB_KINDS.filter((name) => pipeline.useCaseRuns.some((runs) => (runs[name] ?? 0) === 0))

const runningJobs = () =>
  Promise.all(
    pipeline.agendas.map((agenda) => jobCollection(agenda).countDocuments({ lockedAt: { $ne: null } }))
  )

/** Duplicates of one purchase's three jobs, each enqueued as soon as the pipeline reaches that step. */
const purchaseWithDuplicateJobs = async (learner: string, course: string, eventId: string) => {
  await buyAndPay(pipeline, learner, course, eventId)
  await onEveryWorker({
    _tag: "ProcessGatewayEvent",
    gateway: "stripe",
    eventId: Schema.decodeUnknownSync(GatewayEventId)(eventId)
  })
  const requested = await eventually(
    () => certificateOf(pipeline, learner, course),
    "the certificate request"
  )
  await onEveryWorker({ _tag: "IssueCertificate", entitlementId: requested.entitlementId })
  const issued = await eventually(async () => {
    const certificate = await certificateOf(pipeline, learner, course)
    return certificate?.status === "issued" ? certificate : undefined
  }, "the issued certificate")
  await onEveryWorker({ _tag: "SendCertificateEmail", certificateId: issued.certificateId, version: 1 })
  return { learner, course, issued }
}

const effectsOf = async (certificate: Certificate) => ({
  certificates: await countRows(pipeline.uri, "certificates", { entitlementId: certificate.entitlementId }),
  versions: await countRows(pipeline.uri, "certificate_versions", {
    certificateId: certificate.certificateId
  }),
  emailClaims: await countRows(pipeline.uri, "email_deliveries", {
    key: emailKey(certificate.certificateId, 1)
  })
})

describe("two workers on one database", () => {
  it("each job kind runs on both workers, and each purchase still has its effects exactly once", async () => {
    const outcomes = await Promise.all(
      purchases.map(([learner, course], i) =>
        purchaseWithDuplicateJobs(learner, course, `evt_two_workers_${i}`)
      )
    )
    await expect.poll(notRunOnEveryWorker, { timeout: 20_000, interval: 100 }).toEqual([])
    await eventually(
      async () => (smtp.received.length >= purchases.length ? true : undefined),
      "one email per purchase"
    )
    // Let every duplicate finish before counting.
    await expect.poll(runningJobs, { timeout: 20_000, interval: 100 }).toEqual([0, 0])
    await new Promise((resolve) => setTimeout(resolve, 500))

    for (const { learner, course, issued } of outcomes) {
      expect(await effectsOf(issued)).toEqual({ certificates: 1, versions: 1, emailClaims: 1 })
      const latest = await certificateOf(pipeline, learner, course)
      expect(latest?.status).toBe("issued")
      expect(latest?.versions).toHaveLength(1)
    }
    const messageIds = smtp.received.map((mail) => readCertificateMail(mail).messageId).sort()
    expect(messageIds).toEqual(outcomes.map(({ issued }) => expectedMessageId(issued)).sort())
  })
})
