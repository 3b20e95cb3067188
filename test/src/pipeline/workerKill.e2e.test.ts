import { randomUUID } from "node:crypto"
import { JOB_NAMES, JOBS_COLLECTION } from "@certify/adapters/jobs"
import { certificateMessageId } from "@certify/domain"
import { MongoClient } from "mongodb"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { jobsDatabaseName } from "../../../adapters/src/jobs/makeAgenda.ts"
import type { EmbeddedStack } from "../../../api/src/main/stack/EmbeddedStack.ts"
import { signedInClient } from "../stack/learnerClient.ts"
import { messageIdOf, receivedEmails } from "../stack/mailbox.ts"
import { startTestStack } from "../stack/startTestStack.ts"

/**
 * Real processes: the only worker is SIGKILLed while the paid purchase's issue-certificate job is running,
 * as the jobs collection shows it; the stack restarts the worker and the restart finishes the work.
 * The kill aims at the issue job (it renders for hundreds of ms, so a poll catches it) rather than the
 * email job (a few ms): a send cut off after its claim waits out the 60 s email lease before the retry.
 */
describe("a worker killed mid-job", () => {
  let stack: EmbeddedStack
  let database: MongoClient

  beforeAll(async () => {
    stack = await startTestStack("worker-kill", { workers: 1, buildWeb: false })
    database = await MongoClient.connect(stack.urls.mongodb)
  }, 180_000)
  afterAll(async () => {
    await database?.close()
    await stack?.stop()
  }, 60_000)

  /** The issue job once the worker has started it: Agenda clears a one-off job's next run as it starts it. */
  const runningIssueJob = () =>
    database
      .db(jobsDatabaseName(database.db().databaseName))
      .collection(JOBS_COLLECTION)
      .findOne(
        { name: JOB_NAMES.IssueCertificate, lockedAt: { $ne: null }, nextRunAt: null },
        { projection: { name: 1, lockedAt: 1, lastModifiedBy: 1 } }
      )

  it("ends with one certificate and one or two emails, all with the certificate's Message-ID", async () => {
    const worker = stack.processes.find((p) => p.name === "worker-1")
    if (!worker) throw new Error("no worker")
    const { client } = await signedInClient(stack.urls.api, "ada")
    const { paymentId } = await client.learner.startPurchase.mutate({
      courseId: "payments-engineering",
      gateway: "stripe",
      requestId: randomUUID()
    })
    await fetch(`${stack.urls.sandbox}/__sandbox/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ref: paymentId })
    })

    const killedDuring = await expect
      .poll(runningIssueJob, { timeout: 30_000, interval: 10 })
      .not.toBeNull()
      .then(runningIssueJob)
    worker.kill("SIGKILL")
    // Whatever the job was, it was cut off mid-run: the lock is the dead worker's until its restart releases it.
    expect(killedDuring).toMatchObject({ lastModifiedBy: "worker-1" })

    await expect
      .poll(async () => (await client.learner.purchase.query({ paymentId })).certificate?.status, {
        timeout: 60_000,
        interval: 250
      })
      .toBe("issued")
    const certificateId =
      (await client.learner.purchase.query({ paymentId })).certificate?.certificateId ?? ""
    const expectedMessageId = certificateMessageId(certificateId, 1)
    await expect
      // Up to the email lease and a retry, should the kill have caught the email job started by the issue job.
      .poll(async () => (await receivedEmails(stack.urls.mailWeb)).length, { timeout: 90_000, interval: 250 })
      .toBeGreaterThanOrEqual(1)
    // A late duplicate (a send cut off before it was recorded, retried after the lease) would arrive by now.
    await new Promise((resolve) => setTimeout(resolve, 2_000))

    const emails = await receivedEmails(stack.urls.mailWeb)
    expect(emails.length).toBeGreaterThanOrEqual(1)
    expect(emails.length).toBeLessThanOrEqual(2)
    for (const email of emails) expect(messageIdOf(email)).toBe(expectedMessageId)
    const certificates = await client.learner.certificates.query()
    expect(certificates.filter((c) => c.courseTitle === "Payments Engineering")).toHaveLength(1)
    expect(worker.restarts()).toBeGreaterThanOrEqual(1)
  }, 240_000)
})
