import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Actor, Cause } from "../model/Actor.ts"
import { PaymentStatus } from "../model/Payment.ts"
import { PROPERTY_RUNS, paymentEvent } from "../testing/arbitraries.ts"
import { PaymentMachine, paymentEventTarget, paymentTransitions } from "./PaymentMachine.ts"
import { replay, transition } from "./Transition.ts"

const context = {
  actor: new Actor({ kind: "webhook", id: "stripe" }),
  cause: new Cause({ kind: "gateway_event", id: "stripe:evt_1" }),
  at: new Date(0)
}
const order = PaymentStatus.literals
const rank = (status: PaymentStatus) => order.indexOf(status)
const runs = { numRuns: PROPERTY_RUNS }

describe("payment state machine", () => {
  it("the transition table moves only forward, to every later state", () => {
    for (const from of order) {
      expect(paymentTransitions[from]).toEqual(order.filter((to) => rank(to) > rank(from)))
    }
  })

  it("applying any event sequence twice gives the same state as applying it once", () => {
    fc.assert(
      fc.property(fc.array(paymentEvent, { maxLength: 12 }), (events) => {
        expect(replay(PaymentMachine, [...events, ...events])).toBe(replay(PaymentMachine, events))
      }),
      runs
    )
  })

  it("any permutation of the same events ends in the same final state", () => {
    fc.assert(
      fc.property(
        fc
          .array(paymentEvent, { minLength: 1, maxLength: 10 })
          .chain((events) =>
            fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))
          ),
        ([events, permuted]) => {
          expect(replay(PaymentMachine, permuted)).toBe(replay(PaymentMachine, events))
        }
      ),
      runs
    )
  })

  it("never moves backwards, and a repeated or stale event is a recorded no-op", () => {
    fc.assert(
      fc.property(fc.constantFrom(...order), paymentEvent, (state, event) => {
        const result = transition(PaymentMachine, state, event, context)
        const target = paymentEventTarget[event._tag]
        if (result._tag === "Applied") {
          expect(rank(result.to)).toBeGreaterThan(rank(state))
        } else {
          expect(result.reason).toBe(target === state ? "same_state" : "stale")
          expect(rank(target)).toBeLessThanOrEqual(rank(state))
        }
      }),
      runs
    )
  })

  it("every applied transition yields exactly one audit entry naming actor, cause, from, to and time", () => {
    fc.assert(
      fc.property(fc.array(paymentEvent, { maxLength: 12 }), (events) => {
        let state = PaymentMachine.initial
        for (const event of events) {
          const result = transition(PaymentMachine, state, event, context)
          if (result._tag === "Applied") {
            expect(result.audit).toEqual({
              subjectType: "payment",
              event,
              from: state,
              to: result.to,
              ...context
            })
            state = result.to
          } else {
            expect(result).not.toHaveProperty("audit")
          }
        }
      }),
      runs
    )
  })

  it("a failed card attempt can still succeed; a late failure after success changes nothing", () => {
    const failedThenPaid = replay(PaymentMachine, [{ _tag: "PaymentFailed" }, { _tag: "PaymentSucceeded" }])
    expect(failedThenPaid).toBe("succeeded")
    const late = transition(PaymentMachine, "succeeded", { _tag: "PaymentFailed" }, context)
    expect(late).toEqual({ _tag: "Unchanged", state: "succeeded", reason: "stale" })
  })

  it("disputes resolve to won or lost; a refund after a won dispute still refunds", () => {
    expect(
      replay(PaymentMachine, [
        { _tag: "PaymentSucceeded" },
        { _tag: "DisputeOpened" },
        { _tag: "DisputeWon" }
      ])
    ).toBe("dispute_won")
    expect(replay(PaymentMachine, [{ _tag: "DisputeLost" }, { _tag: "DisputeOpened" }])).toBe("dispute_lost")
    expect(replay(PaymentMachine, [{ _tag: "DisputeWon" }, { _tag: "PaymentRefunded" }])).toBe("refunded")
  })
})
