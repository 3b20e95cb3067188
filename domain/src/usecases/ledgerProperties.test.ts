import { Effect, Option } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { verifyChain } from "../audit/AuditChain.ts"
import { currentState } from "../ledger/commitTransition.ts"
import { PaymentLedger } from "../ledger/subjects.ts"
import { entitlesLearner } from "../machines/PaymentMachine.ts"
import type { Gateway } from "../model/Gateway.ts"
import { GatewayEventKind } from "../model/GatewayEvent.ts"
import {
  clickBuy,
  deliverEvent,
  drainJobs,
  historyOf,
  layerMemoryAll,
  PROPERTY_RUNS,
  snapshotOf
} from "../testing/index.ts"

const kinds = GatewayEventKind.literals
const delivery = fc.record({ kind: fc.constantFrom(...kinds), payment: fc.constantFrom(0, 1) })
const gatewaysArb = fc.tuple(
  fc.constantFrom<Gateway>("stripe", "razorpay"),
  fc.constantFrom<Gateway>("stripe", "razorpay")
)

/** Two payment attempts by one learner for one course, then the deliveries in the given order. */
const runScenario = (
  gateways: readonly [Gateway, Gateway],
  deliveries: ReadonlyArray<{ kind: (typeof kinds)[number]; payment: number }>
) =>
  Effect.gen(function* () {
    const first = yield* clickBuy("ada", "ts-101", gateways[0])
    const second = yield* clickBuy("ada", "ts-101", gateways[1])
    const payments = [first, second]
    let n = 0
    for (const { kind, payment } of deliveries) {
      const target = payments[payment] ?? first
      yield* deliverEvent({
        gateway: target.gateway,
        eventId: `evt_${++n}`,
        kind,
        paymentId: target.paymentId
      })
      yield* drainJobs
    }
    const statuses = yield* Effect.forEach(payments, (p) =>
      Effect.map(currentState(PaymentLedger, p.paymentId), (s) => s.state)
    )
    const histories = yield* Effect.forEach(payments, (p) => historyOf("payment", p.paymentId))
    return { payments, statuses, histories, ...(yield* snapshotOf("ada", "ts-101")) }
  }).pipe(Effect.provide(layerMemoryAll()))

const runs = { numRuns: PROPERTY_RUNS }

describe("use cases over any sequence of gateway events", () => {
  it("no sequence of events reaches an entitlement without a succeeded payment", async () => {
    await fc.assert(
      fc.asyncProperty(gatewaysArb, fc.array(delivery, { maxLength: 8 }), async (gateways, deliveries) => {
        const outcome = await Effect.runPromise(runScenario(gateways, deliveries))
        if (outcome.entitlement === undefined) return
        const unlocking = outcome.payments.findIndex((p) => p.paymentId === outcome.entitlement?.paymentId)
        const reached = outcome.histories[unlocking]?.map((entry) => entry.to) ?? []
        expect(reached.some((status) => entitlesLearner(status as never))).toBe(true)
      }),
      runs
    )
  })

  it("a refund or lost dispute after grant revokes the entitlement and its certificate, unless another payment stands", async () => {
    await fc.assert(
      fc.asyncProperty(
        gatewaysArb,
        fc.array(delivery, { maxLength: 5 }),
        fc.constantFrom("payment_refunded", "dispute_lost") as fc.Arbitrary<
          "payment_refunded" | "dispute_lost"
        >,
        async (gateways, before, reversal) => {
          const deliveries = [{ kind: "payment_succeeded" as const, payment: 0 }, ...before]
          const granted = await Effect.runPromise(runScenario(gateways, deliveries))
          if (granted.entitlement?.status !== "granted") return
          const unlocking = granted.payments.findIndex((p) => p.paymentId === granted.entitlement?.paymentId)
          const outcome = await Effect.runPromise(
            runScenario(gateways, [...deliveries, { kind: reversal, payment: unlocking }])
          )
          const anotherStands = outcome.statuses.some((status) => entitlesLearner(status))
          expect(outcome.entitlement?.status).toBe(anotherStands ? "granted" : "revoked")
          expect(outcome.certificate?.status).toBe(anotherStands ? "issued" : "revoked")
        }
      ),
      runs
    )
  })

  it("every applied transition has exactly one audit entry, chained and in order", async () => {
    await fc.assert(
      fc.asyncProperty(gatewaysArb, fc.array(delivery, { maxLength: 8 }), async (gateways, deliveries) => {
        const outcome = await Effect.runPromise(runScenario(gateways, deliveries))
        for (const [i, history] of outcome.histories.entries()) {
          const chain = await Effect.runPromise(
            verifyChain("payment", history).pipe(Effect.provide(layerMemoryAll()))
          )
          expect(chain.breaks).toEqual([])
          history.forEach((entry, index) => {
            expect(entry.seq).toBe(index + 1)
            expect(entry.from).toBe(index === 0 ? "created" : history[index - 1]?.to)
          })
          expect(history.at(-1)?.to ?? "created").toBe(outcome.statuses[i])
          // forward only: a state is entered at most once
          expect(new Set(history.map((e) => e.to)).size).toBe(history.length)
        }
      }),
      runs
    )
  })

  it("delivering the same events in any order ends in the same payment states and the same access", async () => {
    await fc.assert(
      fc.asyncProperty(
        gatewaysArb,
        fc
          .array(delivery, { minLength: 1, maxLength: 7 })
          .chain((d) => fc.tuple(fc.constant(d), fc.shuffledSubarray(d, { minLength: d.length }))),
        async (gateways, [deliveries, permuted]) => {
          const a = await Effect.runPromise(runScenario(gateways, deliveries))
          const b = await Effect.runPromise(runScenario(gateways, permuted))
          expect(b.statuses).toEqual(a.statuses)
          const access = (o: typeof a) => o.entitlement?.status === "granted"
          expect(access(b)).toBe(access(a))
          expect(access(a)).toBe(a.statuses.some((status) => entitlesLearner(status)))
          expect(
            Option.fromUndefinedOr(b.certificate?.status).pipe(Option.filter((s) => s === "issued"))._tag
          ).toBe(
            Option.fromUndefinedOr(a.certificate?.status).pipe(Option.filter((s) => s === "issued"))._tag
          )
        }
      ),
      runs
    )
  })
})
