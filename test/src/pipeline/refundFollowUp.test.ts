import {
  GatewayPaymentSnapshot,
  JobsAdmin,
  ManualReview,
  Payments,
  ReviewItem,
  resolveReview
} from "@certify/domain"
import { GatewayControls, snapshotOf } from "@certify/domain/testing"
import { Effect, Option } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { eventually, freePort, type Pipeline, startPipeline } from "./harness.ts"
import { buyAndPay } from "./learner.ts"

let pipeline: Pipeline | undefined
afterAll(async () => {
  await pipeline?.close()
})

describe("an operator's refund whose webhook never comes", () => {
  it("the confirm-refund job retries, is dead-lettered while the gateway disagrees, and records the refund once it agrees", async () => {
    // Nothing listens on either port: no certificate is needed here, only the payment and its entitlement.
    pipeline = await startPipeline({
      name: "refund_follow_up",
      rendererUrl: `http://127.0.0.1:${await freePort()}`,
      smtpPort: await freePort(),
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, jitter: 0.1 }
    })
    const { runPromise } = pipeline.runtime
    const started = await buyAndPay(pipeline, "ada", "pay-201", "evt_refund_follow_up")
    const paymentOf = () => runPromise(Payments.use((p) => p.find(started.paymentId))).then(Option.getOrThrow)
    await eventually(
      async () => ((await paymentOf()).status === "succeeded" ? true : undefined),
      "the payment"
    )
    const payment = await paymentOf()
    const gatewaySays = (status: "succeeded" | "refunded") =>
      runPromise(
        GatewayControls.use((g) =>
          g.setSnapshots([
            new GatewayPaymentSnapshot({
              gateway: "stripe",
              paymentId: payment.paymentId,
              ...(payment.checkoutRef === undefined ? {} : { checkoutRef: payment.checkoutRef }),
              status,
              amount: payment.amount,
              observedAt: new Date()
            })
          ])
        )
      )
    await gatewaySays("succeeded")
    await runPromise(
      ManualReview.use((r) =>
        r.flag(
          new ReviewItem({
            subjectId: payment.paymentId,
            reason: "duplicate_payment",
            details: "charged twice",
            flaggedAt: new Date()
          })
        )
      )
    )
    await runPromise(
      resolveReview({
        operatorId: "ops",
        note: "refund the duplicate charge",
        requestId: "req-refund-follow-up",
        subjectId: payment.paymentId,
        reason: "duplicate_payment",
        decision: "refund_and_revoke"
      })
    )
    const ops = await runPromise(JobsAdmin.use((admin) => Effect.succeed(admin)))
    const dead = await eventually(
      async () => (await runPromise(ops.deadLetters(10))).find((d) => d.name === "confirm-refund"),
      "the confirm-refund dead letter"
    )
    expect(dead).toMatchObject({ key: `confirm-refund:${payment.paymentId}`, state: "dead", attempts: 3 })
    expect(dead.lastError).toMatch(/^RefundNotConfirmed/)
    expect((await paymentOf()).status).toBe("succeeded")

    await gatewaySays("refunded")
    expect(await runPromise(ops.retry(dead.jobId))).toBe("retried")
    await eventually(async () => ((await paymentOf()).status === "refunded" ? true : undefined), "the refund")
    const { entitlement } = await runPromise(snapshotOf("ada", "pay-201"))
    expect(entitlement?.status).toBe("revoked")
  })
})
