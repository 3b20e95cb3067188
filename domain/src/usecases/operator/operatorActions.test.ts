import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer, Option, Schema } from "effect"
import * as fc from "fast-check"
import { currentState } from "../../ledger/commitTransition.ts"
import { CertificateLedger } from "../../ledger/subjects.ts"
import { RequestId } from "../../model/Ids.ts"
import { Money } from "../../model/Money.ts"
import { ManualReview, ReviewItem } from "../../ports/ManualReview.ts"
import { OperatorActions } from "../../ports/OperatorActions.ts"
import { deliverEvent } from "../../testing/deliverEvent.ts"
import {
  clickBuy,
  drainJobs,
  historyOf,
  layerMemoryAll,
  PROPERTY_RUNS,
  snapshotOf
} from "../../testing/index.ts"
import * as MemoryCertificateCorrections from "../../testing/memory/MemoryCertificateCorrections.ts"
import * as MemoryJobsAdmin from "../../testing/memory/MemoryJobsAdmin.ts"
import * as MemoryOperatorActions from "../../testing/memory/MemoryOperatorActions.ts"
import { verifyCertificate } from "../verifyCertificate.ts"
import { reissueCertificate } from "./reissueCertificate.ts"
import { resolveReview } from "./resolveReview.ts"
import { retryJob } from "./retryJob.ts"
import { revokeCertificate } from "./revokeCertificate.ts"

const layer = () =>
  Layer.mergeAll(
    layerMemoryAll(),
    MemoryOperatorActions.layerMemory,
    MemoryCertificateCorrections.layerMemory,
    MemoryJobsAdmin.layerMemory([
      { jobId: "job-1", name: "issue-certificate", key: "issue-certificate:e1", state: "dead", attempts: 5 }
    ])
  )

/** Ada has paid and holds an issued certificate. */
const issuedCertificate = Effect.gen(function* () {
  const started = yield* clickBuy("ada", "ts-101", "stripe")
  yield* deliverEvent({
    gateway: "stripe",
    eventId: "evt_paid",
    kind: "payment_succeeded",
    paymentId: started.paymentId,
    amount: new Money({ amount: 4900, currency: "USD" })
  })
  yield* drainJobs
  const { certificate } = yield* snapshotOf("ada", "ts-101")
  return { paymentId: started.paymentId, certificateId: certificate?.certificateId ?? "" }
})

const operator = { operatorId: "ops", note: "reason given by the operator" }

describe("an operator corrects and revokes certificates", () => {
  it.effect("a reissue makes a new version and supersedes the old; a resubmit does not make a third", () =>
    Effect.gen(function* () {
      const { certificateId } = yield* issuedCertificate
      const command = { ...operator, certificateId, requestId: "req-reissue-1" }
      assert.strictEqual((yield* reissueCertificate(command)).outcome, "done")
      assert.strictEqual((yield* reissueCertificate(command)).outcome, "duplicate")
      yield* drainJobs
      const verified = yield* verifyCertificate(certificateId)
      assert.strictEqual(verified.status, "valid")
      assert.strictEqual(verified.version, 2)
      assert.deepStrictEqual(verified.supersededVersions, [1])
      const history = yield* historyOf("certificate", certificateId)
      const byOperator = history.filter((e) => e.actor.kind === "operator")
      assert.lengthOf(byOperator, 1)
      assert.strictEqual(byOperator[0]?.actor.id, "ops")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a revoke is audited with the operator as actor and shows revoked; a reason is mandatory", () =>
    Effect.gen(function* () {
      const { certificateId } = yield* issuedCertificate
      const noReason = yield* Effect.exit(
        revokeCertificate({ ...operator, note: "", certificateId, requestId: "req-r0" })
      )
      assert.isTrue(Exit.isFailure(noReason))
      assert.strictEqual(
        (yield* revokeCertificate({ ...operator, certificateId, requestId: "req-r1" })).outcome,
        "done"
      )
      assert.strictEqual((yield* verifyCertificate(certificateId)).status, "revoked")
      const { state } = yield* currentState(CertificateLedger, certificateId)
      assert.strictEqual(state._tag, "Revoked")
      const { entitlement } = yield* snapshotOf("ada", "ts-101")
      assert.strictEqual(entitlement?.status, "revoked")
      const actions = yield* OperatorActions.use((a) => a.listForSubject(certificateId, 10))
      assert.deepStrictEqual(
        actions.map((a) => [a.kind, a.operatorId]),
        [["revoke_certificate", "ops"]]
      )
      const reused = yield* Effect.exit(
        reissueCertificate({ ...operator, certificateId, requestId: "req-r1" })
      )
      assert.isTrue(Exit.isFailure(reused))
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a review is resolved once, whoever submits it how often", () =>
    Effect.gen(function* () {
      const { paymentId } = yield* issuedCertificate
      yield* ManualReview.use((r) =>
        r.flag(
          new ReviewItem({
            subjectId: paymentId,
            reason: "amount_mismatch",
            details: "x",
            flaggedAt: new Date(0)
          })
        )
      )
      const command = { ...operator, subjectId: paymentId, reason: "amount_mismatch", decision: "resolve" }
      const outcomes = yield* Effect.all(
        [
          resolveReview({ ...command, requestId: "req-a" }),
          resolveReview({ ...command, requestId: "req-b" })
        ],
        { concurrency: "unbounded" }
      )
      assert.sameMembers(
        outcomes.map((o) => o.detail),
        ["review item resolved", "review item was already resolved"]
      )
      assert.lengthOf(yield* ManualReview.use((r) => r.listOpen(10)), 0)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("only a dead job is retried", () =>
    Effect.gen(function* () {
      assert.strictEqual(
        (yield* retryJob({ ...operator, jobId: "job-1", requestId: "req-j1" })).outcome,
        "done"
      )
      assert.strictEqual(
        (yield* retryJob({ ...operator, jobId: "job-1", requestId: "req-j1" })).outcome,
        "duplicate"
      )
      assert.isTrue(
        Exit.isFailure(yield* Effect.exit(retryJob({ ...operator, jobId: "nope", requestId: "req-j2" })))
      )
      // Nothing was retried, so nothing claims a retry.
      assert.isTrue(
        Option.isNone(
          yield* OperatorActions.use((a) => a.find(Schema.decodeUnknownSync(RequestId)("req-j2")))
        )
      )
    }).pipe(Effect.provide(layer()))
  )

  it("any reason that is not 3-500 clean characters is refused before anything changes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 2 }), fc.string({ minLength: 501, maxLength: 600 })),
        async (note) => {
          const exit = await Effect.runPromiseExit(
            retryJob({ operatorId: "ops", note, jobId: "job-1", requestId: "req-prop" }).pipe(
              Effect.provide(layer())
            )
          )
          assert.isTrue(Exit.isFailure(exit))
        }
      ),
      { numRuns: PROPERTY_RUNS }
    )
  })
})
