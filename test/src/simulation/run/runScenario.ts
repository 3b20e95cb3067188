import { SystemClock } from "@certify/adapters"
import { JobQueue, PaymentGateways, reconcileGateway } from "@certify/domain"
import {
  layerMemoryLedger,
  MemoryCatalog,
  MemoryCertificateLinks,
  MemoryMailer,
  MemoryRenderer,
  SentEmails
} from "@certify/domain/testing"
import { Effect, Clock as EffectClock, Layer, Scheduler } from "effect"
import type { Scenario } from "../model/Scenario.ts"
import { guardedPorts } from "../world/guardedPorts.ts"
import { layerArtifacts, layerIds, layerSyncDigest } from "../world/SimServices.ts"
import { seedCatalog } from "../world/simCatalog.ts"
import { playStep } from "./actions.ts"
import { fingerprint } from "./fingerprint.ts"
import { checkInvariants } from "./invariants.ts"
import { ledgerView } from "./ledgerView.ts"
import { drain, quiesce, runJanitorSchedule } from "./quiesce.ts"
import { World } from "./World.ts"

/** The ledger in memory, fresh for each scenario. */
export const memoryLedger = () =>
  Layer.mergeAll(
    layerMemoryLedger,
    MemoryCatalog.layerMemory({ learners: [], courses: [], completions: [], offers: [] })
  )

/** Everything around the ledger: simulated gateways, queue and clock, in-memory renderer, mailer and store. */
const servicesFor = (world: World, namespace: number) =>
  Layer.provideMerge(
    guardedPorts,
    Layer.mergeAll(
      layerIds(world.prefix, namespace),
      layerArtifacts,
      Layer.provideMerge(
        world.faults.layer,
        Layer.mergeAll(MemoryRenderer.layerMemory, MemoryMailer.layerMemory)
      ),
      MemoryCertificateLinks.layerMemory,
      Layer.succeed(PaymentGateways, world.gateways.service),
      Layer.succeed(JobQueue, world.scheduler.service),
      SystemClock.layer,
      layerSyncDigest
    )
  )

/** (5) Reconciliation run once more, after quiescence, fixes nothing and changes nothing. */
const secondReconciliation = (world: World) =>
  Effect.gen(function* () {
    const violations: Array<string> = []
    const before = yield* fingerprint(world)
    for (const gateway of ["stripe", "razorpay"] as const) {
      const run = yield* world.runner.run(`reconcile ${gateway} again`, reconcileGateway(gateway))
      if (run._tag !== "Done" || run.value.outcome !== "completed" || run.value.fixed > 0)
        violations.push(`(5) second reconciliation of ${gateway}: ${JSON.stringify(run)}`)
    }
    yield* drain(world)
    const after = yield* fingerprint(world)
    if (after !== before)
      violations.push(`(5) second reconciliation changed the ledger:\n  ${before}\n  ${after}`)
    return violations
  })

export interface ScenarioResult {
  readonly violations: ReadonlyArray<string>
  readonly tasks: number
  readonly crashes: number
  readonly webhooks: number
  readonly dropped: number
  readonly payments: number
  readonly paid: number
  readonly issued: number
  readonly revoked: number
  readonly emails: number
  readonly deadLettersRetried: number
}

/**
 * Plays a scenario against the production use cases, drives the system to quiescence (first with
 * the faults still active, then healed), and checks the invariants. The ledger ports come from outside.
 */
export const runScenario = (
  scenario: Scenario,
  prefix = "",
  namespace = 0,
  plantBug: (world: World) => void = () => {}
) => {
  const world = new World(scenario, prefix, namespace)
  plantBug(world)
  return Effect.gen(function* () {
    yield* seedCatalog(prefix)
    for (const step of scenario.steps) yield* playStep(world, step)
    // One round while the faults still bite, so recovery itself runs into outages and crashes.
    yield* quiesce(world, 1)
    world.heal()
    yield* quiesce(world)
    if (scenario.longQuiescence) {
      yield* runJanitorSchedule(world)
      yield* quiesce(world)
    }
    const violations = [...(yield* checkInvariants(world)), ...(yield* secondReconciliation(world))]
    const view = yield* ledgerView(world)
    return {
      violations,
      tasks: world.runner.count,
      crashes: world.runner.crashes,
      webhooks: world.webhooks.sent.length,
      dropped: world.webhooks.dropped,
      payments: view.payments.length,
      paid: view.payments.filter((p) => p.log.history.some((e) => e.to === "succeeded")).length,
      issued: view.certificates.filter((c) => c.log.state._tag === "Issued").length,
      revoked: view.certificates.filter((c) => c.log.state._tag === "Revoked").length,
      emails: (yield* SentEmails.use((s) => s.all)).length,
      deadLettersRetried: world.scheduler.revived
    } satisfies ScenarioResult
  }).pipe(
    Effect.provide(servicesFor(world, namespace)),
    Effect.provideService(EffectClock.Clock, world.clock.effectClock),
    // Microtasks instead of setImmediate: every yield lands in the same order on every run, and fast.
    Effect.provideService(Scheduler.Scheduler, new Scheduler.MixedScheduler("sync"))
  )
}
