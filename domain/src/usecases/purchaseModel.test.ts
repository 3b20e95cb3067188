import { Effect, Exit, ManagedRuntime, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { currentState } from "../ledger/commitTransition.ts"
import { PaymentLedger } from "../ledger/subjects.ts"
import { entitlesLearner } from "../machines/PaymentMachine.ts"
import type { Gateway } from "../model/Gateway.ts"
import type { GatewayEventKind } from "../model/GatewayEvent.ts"
import { PaymentId } from "../model/Ids.ts"
import type { PaymentStatus } from "../model/Payment.ts"
import { PaymentStatus as PaymentStatusSchema } from "../model/Payment.ts"
import {
  clickBuy,
  deliverEvent,
  drainJobs,
  layerMemoryAll,
  PROPERTY_RUNS,
  snapshotOf
} from "../testing/index.ts"

// The deliberately simpler model: a payment's status is the furthest state any of its events asserts,
// and a learner has access while any payment of the purchase stands paid. No ledger, no ids, no hashes.
interface ModelPayment {
  readonly paymentId: string
  readonly learner: string
  readonly course: string
  readonly gateway: Gateway
  readonly kinds: Array<GatewayEventKind>
}
interface Model {
  readonly payments: Array<ModelPayment>
  readonly delivered: Array<{
    readonly eventId: string
    readonly payment: ModelPayment
    readonly kind: GatewayEventKind
  }>
  readonly everGranted: Set<string>
  nextEvent: number
}

const order = PaymentStatusSchema.literals
const asserted: Record<GatewayEventKind, PaymentStatus | undefined> = {
  payment_succeeded: "succeeded",
  payment_failed: "failed",
  checkout_expired: "expired",
  payment_partially_refunded: "partially_refunded",
  payment_refunded: "refunded",
  dispute_opened: "disputed",
  dispute_won: "dispute_won",
  dispute_lost: "dispute_lost",
  unknown: undefined
}
const statusOf = (payment: ModelPayment): PaymentStatus =>
  payment.kinds.reduce<PaymentStatus>((furthest, kind) => {
    const target = asserted[kind]
    return target !== undefined && order.indexOf(target) > order.indexOf(furthest) ? target : furthest
  }, "pending")
const asPaymentId = Schema.decodeUnknownSync(PaymentId)
const key = (learner: string, course: string) => `${learner}|${course}`
const hasAccess = (model: Model, learner: string, course: string) =>
  model.payments.some((p) => p.learner === learner && p.course === course && entitlesLearner(statusOf(p)))

const learners = ["ada", "ravi"] as const
const courses = ["ts-101", "pay-201"] as const
const kinds: ReadonlyArray<GatewayEventKind> = [
  "payment_succeeded",
  "payment_failed",
  "checkout_expired",
  "payment_partially_refunded",
  "payment_refunded",
  "dispute_opened",
  "dispute_won",
  "dispute_lost",
  "unknown"
]

const runtimeFor = () => {
  const runtime = ManagedRuntime.make(layerMemoryAll())
  return runtime
}
type Runtime = ReturnType<typeof runtimeFor>

const refreshAccess = (model: Model) => {
  for (const p of model.payments)
    if (hasAccess(model, p.learner, p.course)) model.everGranted.add(key(p.learner, p.course))
}

class ClickBuy implements fc.AsyncCommand<Model, Runtime> {
  readonly learner: string
  readonly course: string
  readonly gateway: Gateway
  constructor(learner: string, course: string, gateway: Gateway) {
    this.learner = learner
    this.course = course
    this.gateway = gateway
  }
  check = () => true
  async run(model: Model, runtime: Runtime) {
    const exit = await runtime.runPromise(Effect.exit(clickBuy(this.learner, this.course, this.gateway)))
    const lc = key(this.learner, this.course)
    if (hasAccess(model, this.learner, this.course)) {
      expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("EntitlementAlreadyGranted")
      return
    }
    if (model.everGranted.has(lc)) {
      expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("EntitlementRevokedForCourse")
      return
    }
    if (!Exit.isSuccess(exit)) throw new Error(`purchase failed: ${JSON.stringify(exit.cause)}`)
    const open = model.payments.find(
      (p) =>
        p.learner === this.learner &&
        p.course === this.course &&
        p.gateway === this.gateway &&
        ["pending", "failed"].includes(statusOf(p))
    )
    if (open) expect(exit.value.paymentId).toBe(open.paymentId)
    else {
      expect(model.payments.some((p) => p.paymentId === exit.value.paymentId)).toBe(false)
      model.payments.push({
        paymentId: exit.value.paymentId,
        learner: this.learner,
        course: this.course,
        gateway: this.gateway,
        kinds: []
      })
    }
  }
  toString = () => `ClickBuy(${this.learner}, ${this.course}, ${this.gateway})`
}

class Deliver implements fc.AsyncCommand<Model, Runtime> {
  readonly pick: number
  readonly batch: ReadonlyArray<GatewayEventKind>
  readonly reversed: boolean
  constructor(pick: number, batch: ReadonlyArray<GatewayEventKind>, reversed: boolean) {
    this.pick = pick
    this.batch = batch
    this.reversed = reversed
  }
  check = (model: Readonly<Model>) => model.payments.length > 0
  async run(model: Model, runtime: Runtime) {
    const payment = model.payments[this.pick % model.payments.length]
    if (payment === undefined) return
    const events = this.batch.map((kind) => ({ eventId: `evt_${++model.nextEvent}`, payment, kind }))
    const arrival = this.reversed ? [...events].reverse() : events
    for (const event of arrival) {
      await runtime.runPromise(
        deliverEvent({
          gateway: payment.gateway,
          eventId: event.eventId,
          kind: event.kind,
          paymentId: asPaymentId(payment.paymentId)
        })
      )
    }
    await runtime.runPromise(drainJobs)
    // Workers process the inbox in arrival order: access may be granted between two of the events.
    for (const event of arrival) {
      payment.kinds.push(event.kind)
      model.delivered.push(event)
      refreshAccess(model)
    }
    await checkInvariants(model, runtime)
  }
  toString = () => `Deliver(#${this.pick}, [${this.batch.join(", ")}]${this.reversed ? " reversed" : ""})`
}

class Redeliver implements fc.AsyncCommand<Model, Runtime> {
  readonly pick: number
  constructor(pick: number) {
    this.pick = pick
  }
  check = (model: Readonly<Model>) => model.delivered.length > 0
  async run(model: Model, runtime: Runtime) {
    const event = model.delivered[this.pick % model.delivered.length]
    if (event === undefined) return
    const outcome = await runtime.runPromise(
      deliverEvent({
        gateway: event.payment.gateway,
        eventId: event.eventId,
        kind: event.kind,
        paymentId: asPaymentId(event.payment.paymentId)
      })
    )
    expect(outcome).toBe("duplicate")
    await runtime.runPromise(drainJobs)
    await checkInvariants(model, runtime)
  }
  toString = () => `Redeliver(#${this.pick})`
}

const checkInvariants = async (model: Model, runtime: Runtime) => {
  for (const payment of model.payments) {
    const real = await runtime.runPromise(currentState(PaymentLedger, payment.paymentId))
    expect(real.state).toBe(statusOf(payment))
  }
  for (const learner of learners) {
    for (const course of courses) {
      const { entitlement, certificate } = await runtime.runPromise(snapshotOf(learner, course))
      const expected = hasAccess(model, learner, course)
        ? "granted"
        : model.everGranted.has(key(learner, course))
          ? "revoked"
          : undefined
      expect(entitlement?.status).toBe(expected)
      expect(certificate?.status).toBe(expected === "granted" ? "issued" : expected)
    }
  }
}

const commands = [
  fc
    .tuple(
      fc.constantFrom(...learners),
      fc.constantFrom(...courses),
      fc.constantFrom<Gateway>("stripe", "razorpay")
    )
    .map(([learner, course, gateway]) => new ClickBuy(learner, course, gateway)),
  fc
    .tuple(fc.nat(), fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([pick, batch, reversed]) => new Deliver(pick, batch, reversed)),
  fc.nat().map((pick) => new Redeliver(pick))
]

describe("purchases against a simpler model", () => {
  it("repeated clicks, duplicate and reordered deliveries keep the ledger equal to the model", async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 12 }), async (cmds) => {
        const runtime = runtimeFor()
        try {
          await fc.asyncModelRun(
            () => ({
              model: { payments: [], delivered: [], everGranted: new Set<string>(), nextEvent: 0 },
              real: runtime
            }),
            cmds
          )
        } finally {
          await runtime.dispose()
        }
      }),
      { numRuns: PROPERTY_RUNS }
    )
  })
})
