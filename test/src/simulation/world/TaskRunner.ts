import { Effect, Exit } from "effect"
import type { Prng } from "../model/Prng.ts"
import type { Crash } from "../model/Scenario.ts"
import { CurrentTask, isCrash, type TaskState } from "./Tasks.ts"

export type TaskOutcome<A, E> =
  | { readonly _tag: "Done"; readonly value: A }
  | { readonly _tag: "Failed"; readonly error: E }
  | { readonly _tag: "Crashed" }
  | { readonly _tag: "Died"; readonly defect: string }

/**
 * Runs each unit of work (a webhook request, a job, a click, a background run) as a numbered task,
 * crashing the ones the scenario names after their k-th write. After `heal`, nothing crashes.
 */
export class TaskRunner {
  count = 0
  crashes = 0
  readonly defects: Array<string> = []
  private healed = false

  private readonly plan: ReadonlyArray<Crash>
  private readonly prng: Prng

  constructor(plan: ReadonlyArray<Crash>, prng: Prng) {
    this.plan = plan
    this.prng = prng
  }

  heal() {
    this.healed = true
  }

  private stateFor(label: string, concurrent: boolean): TaskState {
    const task = this.count++
    const crash = this.healed ? undefined : this.plan.find((c) => c.task === task)
    return {
      task,
      label,
      crashAfter: crash?.afterWrite,
      interleave: concurrent ? this.prng : undefined,
      writes: []
    }
  }

  run<A, E, R>(label: string, effect: Effect.Effect<A, E, R>, concurrent = false) {
    const state = this.stateFor(label, concurrent)
    return Effect.map(
      Effect.exit(Effect.provideService(effect, CurrentTask, state)),
      (exit): TaskOutcome<A, E> => {
        if (Exit.isSuccess(exit)) return { _tag: "Done", value: exit.value }
        if (isCrash(exit)) {
          this.crashes++
          return { _tag: "Crashed" }
        }
        const failure = exit.cause.reasons.find((r) => r._tag === "Fail")
        if (failure?._tag === "Fail") return { _tag: "Failed", error: failure.error }
        const defect = `${label}: ${String(exit.cause)}`
        this.defects.push(defect)
        return { _tag: "Died", defect }
      }
    )
  }

  /** Several tasks at once, interleaved at every port call by the seed. */
  runAll<A, E, R>(label: string, effects: ReadonlyArray<Effect.Effect<A, E, R>>) {
    const concurrent = effects.length > 1
    return Effect.all(
      effects.map((effect, n) => this.run(`${label}#${n + 1}`, effect, concurrent)),
      { concurrency: "unbounded" }
    )
  }
}
