import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { EmbeddedStack } from "../../../api/src/main/stack/EmbeddedStack.ts"
import { signedInClient } from "../stack/learnerClient.ts"
import { messageIdOf, receivedEmails } from "../stack/mailbox.ts"
import { startTestStack } from "../stack/startTestStack.ts"

/** Real processes: the only worker is SIGKILLed while the paid purchase's jobs run; its restart finishes them. */
describe("a worker killed mid-job", () => {
  let stack: EmbeddedStack

  beforeAll(async () => {
    stack = await startTestStack("worker-kill", { workers: 1, buildWeb: false })
  }, 180_000)
  afterAll(async () => stack?.stop(), 60_000)

  it("ends with one certificate and one email after the restart", async () => {
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
    // Kill as soon as the pipeline has started (the payment applied), i.e. with its jobs in flight.
    await expect
      .poll(async () => (await client.learner.purchase.query({ paymentId })).stage, {
        timeout: 30_000,
        interval: 50
      })
      .not.toBe("pending")
    worker.kill("SIGKILL")

    await expect
      .poll(async () => (await client.learner.purchase.query({ paymentId })).certificate?.status, {
        timeout: 150_000,
        interval: 1_000
      })
      .toBe("issued")
    const certificateId =
      (await client.learner.purchase.query({ paymentId })).certificate?.certificateId ?? ""
    await expect
      .poll(
        async () =>
          (await receivedEmails(stack.urls.mailWeb)).filter((e) => messageIdOf(e).includes(certificateId))
            .length,
        { timeout: 90_000, interval: 1_000 }
      )
      .toBeGreaterThanOrEqual(1)
    const certificates = await client.learner.certificates.query()
    expect(certificates.filter((c) => c.courseTitle === "Payments Engineering")).toHaveLength(1)
    expect(worker.restarts()).toBeGreaterThanOrEqual(1)
  }, 300_000)
})
