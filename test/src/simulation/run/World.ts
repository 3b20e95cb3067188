import { Prng } from "../model/Prng.ts"
import type { Scenario } from "../model/Scenario.ts"
import { SIM_EPOCH, SimClock } from "../world/SimClock.ts"
import { SimGateways } from "../world/SimGateways.ts"
import { SimScheduler } from "../world/SimScheduler.ts"
import { DeliveryFaults } from "../world/SimServices.ts"
import { TaskRunner } from "../world/TaskRunner.ts"
import { Webhooks } from "../world/Webhooks.ts"

/** Everything the simulation controls around the production use cases, for one scenario. */
export class World {
  readonly clock: SimClock
  readonly prng: Prng
  readonly webhooks: Webhooks
  readonly gateways: SimGateways
  readonly scheduler: SimScheduler
  readonly runner: TaskRunner
  readonly faults = new DeliveryFaults()
  /** Request ids the learners' clicks carried: causes an audit entry may name. */
  readonly requests = new Set<string>()
  /** Things that went wrong outside the invariants: unexpected defects, no quiescence. */
  readonly problems: Array<string> = []
  private requestCount = 0

  readonly scenario: Scenario
  readonly prefix: string

  /**
   * Scenarios sharing a database also share reconciliation's watermark, so each one starts a month
   * after the previous: its first reconciliation window then covers all of it.
   */
  constructor(scenario: Scenario, prefix: string, namespace: number) {
    this.clock = new SimClock(SIM_EPOCH + namespace * 30 * 24 * 3_600_000)
    this.scenario = scenario
    this.prefix = prefix
    this.prng = new Prng(scenario.seed)
    this.webhooks = new Webhooks(scenario.webhooks, this.prng)
    this.gateways = new SimGateways(this.clock, this.webhooks, prefix)
    this.scheduler = new SimScheduler(this.clock, this.prng)
    this.runner = new TaskRunner(scenario.crashes, this.prng)
  }

  nextRequestId() {
    const id = `req_${this.prefix}${++this.requestCount}`
    this.requests.add(id)
    return id
  }

  /** Outages end and processes stop crashing: what recovery looks like. */
  heal() {
    this.gateways.outages.stripe = 0
    this.gateways.outages.razorpay = 0
    this.faults.heal()
    this.runner.heal()
    this.scheduler.retryDead()
  }
}
