import { Effect, Option, Schedule } from "effect"
import { currentState } from "../ledger/commitTransition.ts"
import { PaymentLedger } from "../ledger/subjects.ts"
import type { Gateway } from "../model/Gateway.ts"
import { PaymentReference } from "../model/GatewayEvent.ts"
import { Clock } from "../ports/Clock.ts"
import { ManualReview, ReviewItem } from "../ports/ManualReview.ts"
import { type GatewayPaymentSnapshot, PaymentGateways, type TimeWindow } from "../ports/PaymentGateways.ts"
import { Payments } from "../ports/Payments.ts"
import {
  ReconciliationRun,
  ReconciliationRuns,
  type ReconciliationTrigger
} from "../ports/ReconciliationRuns.ts"
import { findPaymentFor } from "./findPaymentFor.ts"
import { reconcilerActor, recordPaymentFact } from "./recordPaymentFact.ts"

/** Windows overlap by this much, so a payment at a window's edge is never missed. */
export const RECONCILIATION_OVERLAP_MILLIS = 15 * 60_000
export const RECONCILIATION_DEFAULT_LOOKBACK_MILLIS = 24 * 60 * 60_000

// A gateway that says "slow down" (429) or is briefly down gets a few spaced retries per page.
const pageRetry = { schedule: Schedule.exponential("500 millis"), times: 4 }

const reconcileOne = (snapshot: GatewayPaymentSnapshot) =>
  Effect.gen(function* () {
    const reference = new PaymentReference({
      ...(snapshot.paymentId === undefined ? {} : { paymentId: snapshot.paymentId }),
      ...(snapshot.checkoutRef === undefined ? {} : { checkoutRef: snapshot.checkoutRef }),
      ...(snapshot.gatewayPaymentId === undefined ? {} : { gatewayPaymentId: snapshot.gatewayPaymentId })
    })
    const payment = yield* Effect.option(findPaymentFor(snapshot.gateway, reference))
    if (Option.isNone(payment)) {
      const now = yield* Clock.use((clock) => clock.now)
      yield* ManualReview.use((review) =>
        review.flag(
          new ReviewItem({
            subjectId: `${snapshot.gateway}:${snapshot.gatewayPaymentId ?? snapshot.checkoutRef ?? "unknown"}`,
            reason: "unknown_payment",
            details: `the gateway reports a ${snapshot.status} payment of ${snapshot.amount.amount} ${snapshot.amount.currency} that the ledger does not know`,
            flaggedAt: now
          })
        )
      )
      return "flagged"
    }
    const { state, version } = yield* currentState(PaymentLedger, payment.value.paymentId)
    // A crash between a log append and its projection may have left the document behind its log.
    if (payment.value.version < version)
      yield* Payments.use((p) => p.project(payment.value.paymentId, state, version))
    if (state === snapshot.status) return "in sync"
    const outcome = yield* recordPaymentFact(snapshot, reconcilerActor)
    return outcome.startsWith("applied") ? "fixed" : outcome.startsWith("flagged") ? "flagged" : "in sync"
  })

/**
 * Compares one gateway's payments in a window with the ledger. A payment the ledger missed goes
 * through the webhook path with the reconciler as actor; an amount mismatch is flagged, never granted;
 * statuses only move forward. Recorded as a ReconciliationRun. Running it twice changes nothing.
 * Without a window it covers from the last scheduled run's end (less the overlap) to now. A run with a
 * requested window is manual unless said otherwise, and only scheduled runs move that watermark, so an
 * operator's narrow window never makes the schedule skip the time before it.
 */
export const reconcileGateway = Effect.fn("reconcileGateway")(function* (
  gateway: Gateway,
  requested?: TimeWindow,
  trigger: ReconciliationTrigger = requested === undefined ? "scheduled" : "manual"
) {
  const clock = yield* Clock
  const startedAt = yield* clock.now
  const runs = yield* ReconciliationRuns
  const watermark = yield* runs.watermark(gateway)
  const window: TimeWindow = requested ?? {
    from: new Date(
      (watermark?.getTime() ?? startedAt.getTime() - RECONCILIATION_DEFAULT_LOOKBACK_MILLIS) -
        RECONCILIATION_OVERLAP_MILLIS
    ),
    to: startedAt
  }
  const counts = { seen: 0, fixed: 0, flagged: 0, apiCalls: 0 }
  const gateways = yield* PaymentGateways
  const pass = Effect.gen(function* () {
    let cursor: string | undefined
    do {
      counts.apiCalls++
      const page = yield* gateways.listPayments(gateway, window, cursor).pipe(Effect.retry(pageRetry))
      for (const snapshot of page.items) {
        counts.seen++
        const result = yield* reconcileOne(snapshot)
        if (result === "fixed") counts.fixed++
        if (result === "flagged") counts.flagged++
      }
      cursor = page.next
    } while (cursor !== undefined)
  })
  const failure = yield* pass.pipe(
    Effect.as(undefined),
    Effect.catch((error) => Effect.succeed(`${error._tag}: ${error.message}`))
  )
  const finishedAt = yield* clock.now
  const run = new ReconciliationRun({
    // A manual run may start in the same millisecond as a scheduled one: both are kept.
    runId: `recon_${gateway}_${startedAt.getTime()}${trigger === "manual" ? "_manual" : ""}`,
    gateway,
    windowFrom: window.from,
    windowTo: window.to,
    startedAt,
    durationMillis: finishedAt.getTime() - startedAt.getTime(),
    ...counts,
    outcome: failure === undefined ? "completed" : "failed",
    ...(failure === undefined ? {} : { error: failure }),
    trigger
  })
  yield* runs.record(run)
  return run
})
