import { emailKey, JobsAdmin, ManualReview } from "@certify/domain"
import { type RendererServer, startRendererServer } from "@certify/renderer"
import { Effect, Option } from "effect"
import { MongoClient } from "mongodb"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually, FAST_RETRIES, type Pipeline, startPipeline } from "./harness.ts"
import { buyAndPay, certificateOf } from "./learner.ts"
import { type SmtpSink, startSmtpSink } from "./smtpSink.ts"

let renderer: RendererServer
let smtp: SmtpSink
let pipeline: Pipeline

beforeAll(async () => {
  renderer = await startRendererServer({ port: 0, workers: 1 })
  smtp = await startSmtpSink({ rejectRecipients: ["ada@example.org"] })
  pipeline = await startPipeline({
    name: "permanent_email_failure",
    rendererUrl: renderer.url,
    smtpPort: smtp.port,
    retry: FAST_RETRIES
  })
})
afterAll(async () => {
  await pipeline?.close()
  await smtp?.close()
  await renderer?.close()
})

const deliveryRows = async (key: string) => {
  const client = await MongoClient.connect(pipeline.uri)
  try {
    return await client.db().collection("email_deliveries").find({ key }).toArray()
  } finally {
    await client.close()
  }
}

describe("the learner's mail server refuses the address", () => {
  it("the email job fails once for good: dead-lettered, recorded, in manual review, and not retried", async () => {
    await buyAndPay(pipeline, "ada", "ts-101", "evt_mail_rejected")
    const issued = await eventually(async () => {
      const certificate = await certificateOf(pipeline, "ada", "ts-101")
      return certificate?.status === "issued" ? certificate : undefined
    }, "the issued certificate")
    const { certificateId } = issued
    const ops = await pipeline.runtime.runPromise(
      Effect.gen(function* () {
        return { jobs: yield* JobsAdmin, review: yield* ManualReview }
      })
    )
    const run = pipeline.runtime.runPromise

    const dead = await eventually(async () => (await run(ops.jobs.deadLetters(10)))[0], "a dead letter")
    expect(dead).toMatchObject({
      name: "send-certificate-email",
      key: expect.stringContaining(certificateId),
      state: "dead",
      attempts: 1
    })
    expect(dead.lastError).toMatch(/^MailRejected: .*550/)

    const flagged = await run(ops.review.find(certificateId, "mail_rejected"))
    expect(Option.getOrThrow(flagged).details).toMatch(/550/)
    expect((await run(ops.review.listOpen(10))).map((item) => item.subjectId)).toContain(certificateId)
    expect(await deliveryRows(emailKey(certificateId, 1))).toEqual([
      expect.objectContaining({ generation: 1, permanent: true, error: expect.stringMatching(/550/) })
    ])

    // Well past several backoffs of the retry policy: nothing tries the address again.
    await new Promise((resolve) => setTimeout(resolve, 4 * FAST_RETRIES.baseDelayMs + 1_000))
    expect(smtp.rejected).toEqual(["ada@example.org"])
    expect(smtp.received).toEqual([])
    expect(await run(ops.jobs.counts)).toMatchObject({ dead: 1, retrying: 0, running: 0, queued: 0 })
    expect((await run(ops.jobs.deadLetters(10)))[0]?.attempts).toBe(1)
    expect((await certificateOf(pipeline, "ada", "ts-101"))?.status).toBe("issued")
  })
})
