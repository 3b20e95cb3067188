import { JANITOR_CHECKPOINTS } from "@certify/domain"
import { Effect } from "effect"
import { background, deliverOne, SWEEP_DELAY_MILLIS, workOne } from "./actions.ts"
import { fingerprint } from "./fingerprint.ts"
import type { World } from "./World.ts"

const MAX_DRAIN_STEPS = 2_000
const MAX_ROUNDS = 12

/** Delivers every webhook still in flight and runs every queued job, moving the clock to the next one due. */
export const drain = (world: World) =>
  Effect.gen(function* () {
    for (let n = 0; n < MAX_DRAIN_STEPS; n++) {
      if (yield* deliverOne(world)) continue
      if (yield* workOne(world)) continue
      const next = [world.webhooks.nextDueAt(), world.scheduler.nextRunAt()].filter(
        (t): t is number => t !== undefined
      )
      if (next.length === 0) return
      world.clock.advanceTo(Math.min(...next))
    }
    world.problems.push(`no quiescence: still draining after ${MAX_DRAIN_STEPS} steps`)
  })

/** The recurring jobs, as their schedules would run them: reconciliation, the sweeper, the janitor. */
const recurring = (world: World) =>
  Effect.gen(function* () {
    yield* background(world, "reconcile-stripe")
    yield* background(world, "reconcile-razorpay")
    world.clock.advance(SWEEP_DELAY_MILLIS + 1000)
    yield* background(world, "sweep")
    yield* background(world, "janitor")
  })

/**
 * Drives the system until nothing changes any more: drains, runs the recurring jobs, and repeats
 * until a whole round leaves the ledger as it was.
 */
export const quiesce = (world: World, rounds = MAX_ROUNDS) =>
  Effect.gen(function* () {
    yield* drain(world)
    let before = yield* fingerprint(world)
    for (let round = 0; round < rounds; round++) {
      yield* recurring(world)
      yield* drain(world)
      const after = yield* fingerprint(world)
      if (after === before) return
      before = after
    }
    if (rounds === MAX_ROUNDS)
      world.problems.push(`no quiescence after ${MAX_ROUNDS} rounds of the recurring jobs`)
  })

/** Days pass: the janitor reaches every checkpoint of its schedule, and parks what is still stuck. */
export const runJanitorSchedule = (world: World) =>
  Effect.gen(function* () {
    const latestCreation = Math.max(world.clock.millis, ...world.gateways.payments.map((p) => p.createdAt))
    for (const checkpoint of JANITOR_CHECKPOINTS) {
      world.clock.advanceTo(latestCreation + checkpoint.ageMillis + 60_000)
      yield* recurring(world)
      yield* drain(world)
    }
  })
