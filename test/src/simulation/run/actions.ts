import { reconcileGateway, recordGatewayEvent, runJanitor, startPurchase, sweepInbox } from "@certify/domain"
import { runJob } from "@certify/domain/testing"
import { Effect } from "effect"
import type { BackgroundJob, SimGateway, Step } from "../model/Scenario.ts"
import type { QueuedJob } from "../world/SimScheduler.ts"
import { purchaseOf } from "../world/simCatalog.ts"
import type { TaskOutcome } from "../world/TaskRunner.ts"
import { inboxRecordOf } from "../world/Webhooks.ts"
import type { World } from "./World.ts"

/** Once the sweeper's delay has passed, an unprocessed inbox event is picked up again. */
export const SWEEP_DELAY_MILLIS = 60_000
/** How long a crashed worker's lock on a job lasts before another worker takes it. */
export const JOB_LOCK_MILLIS = 60_000

const TYPED_CLICK_ERRORS = new Set([
  "PaymentUnavailable",
  "EntitlementAlreadyGranted",
  "EntitlementRevokedForCourse",
  "PurchaseAlreadyPaid"
])

/** A learner clicks "buy" `clicks` times at once. */
export const click = (world: World, purchase: number, gateway: SimGateway, clicks: number) =>
  Effect.gen(function* () {
    const { learnerId, courseId } = purchaseOf(world.prefix, purchase)
    const outcomes = yield* world.runner.runAll(
      "click",
      Array.from({ length: clicks }, () =>
        startPurchase({ learnerId, courseId, gateway, requestId: world.nextRequestId() })
      )
    )
    for (const outcome of outcomes)
      if (outcome._tag === "Failed" && !TYPED_CLICK_ERRORS.has(outcome.error._tag))
        world.problems.push(`click failed unexpectedly: ${outcome.error._tag}: ${outcome.error.message}`)
  })

/** The network hands one due webhook to our endpoint; a crash before the 2xx means the gateway retries. */
export const deliverOne = (world: World) =>
  Effect.gen(function* () {
    const delivery = world.webhooks.takeDue(world.clock.millis)
    if (delivery === undefined) return false
    const outcome = yield* world.runner.run(
      `webhook ${delivery.event.eventId}`,
      recordGatewayEvent(inboxRecordOf(delivery.event, world.clock.now))
    )
    if (outcome._tag !== "Done") world.webhooks.retry(delivery, world.clock.millis)
    return true
  })

/** What the queue does with a job after its run(s). */
const settleJob = (
  world: World,
  queued: QueuedJob,
  generation: number,
  outcomes: ReadonlyArray<TaskOutcome<string, unknown>>
) => {
  const scheduler = world.scheduler
  // As the worker (api/src/worker/startWorker.ts) does: any success completes the job.
  if (outcomes.some((o) => o._tag === "Done")) scheduler.completed(queued, generation)
  else if (outcomes.some((o) => o._tag === "Failed")) scheduler.failed(queued, generation)
  else scheduler.later(queued, world.clock.millis + JOB_LOCK_MILLIS)
}

/**
 * A worker takes one due job. Sometimes a second worker takes the same job at once (the queue's lock
 * is not atomic on FerretDB), and sometimes another due job runs alongside: their writes interleave.
 */
export const workOne = (world: World) =>
  Effect.gen(function* () {
    const first = world.scheduler.pickDue()
    if (first === undefined) return false
    const picked = [first]
    const other = world.prng.chance(0.2) ? world.scheduler.pickDue() : undefined
    if (other !== undefined && other !== first) picked.push(other)
    const generations = picked.map((queued) => queued.generation)
    const runs = picked.flatMap((queued) => (world.prng.chance(0.15) ? [queued, queued] : [queued]))
    const outcomes = yield* world.runner.runAll(
      `job ${picked.map((queued) => queued.key).join(" + ")}`,
      runs.map((queued) =>
        Effect.gen(function* () {
          return yield* runJob(queued.job)
        })
      )
    )
    for (const [n, queued] of picked.entries()) {
      const own = outcomes.filter((_, k) => runs[k] === queued)
      settleJob(world, queued, generations[n] ?? queued.generation, own)
    }
    return true
  })

export const background = (world: World, job: BackgroundJob) =>
  Effect.gen(function* () {
    if (job === "sweep") yield* world.runner.run(job, sweepInbox(SWEEP_DELAY_MILLIS))
    else if (job === "janitor") yield* world.runner.run(job, runJanitor())
    else yield* world.runner.run(job, reconcileGateway(job === "reconcile-stripe" ? "stripe" : "razorpay"))
  })

/** Plays one step of the scenario. */
export const playStep = (world: World, step: Step) =>
  Effect.gen(function* () {
    switch (step._tag) {
      case "Click":
        return yield* click(world, step.purchase, step.gateway, step.clicks)
      case "Pay":
        world.gateways.act(step.checkout, step.outcome, step.wrongAmount)
        return
      case "Reverse":
        world.gateways.act(
          step.checkout,
          step.kind === "payment_partially_refunded"
            ? "partially_refunded"
            : step.kind === "payment_refunded"
              ? "refunded"
              : step.kind === "dispute_opened"
                ? "disputed"
                : step.kind
        )
        return
      case "Outage":
        if (step.target === "renderer") world.faults.renderer += step.calls
        else if (step.target === "smtp") world.faults.smtp += step.calls
        else world.gateways.outages[step.target] += step.calls
        return
      case "Deliver":
        for (let n = 0; n < step.count; n++) if (!(yield* deliverOne(world))) return
        return
      case "Work":
        for (let n = 0; n < step.count; n++) if (!(yield* workOne(world))) return
        return
      case "Tick":
        world.clock.advance(step.seconds * 1000)
        return
      case "Background":
        return yield* background(world, step.job)
    }
  })
