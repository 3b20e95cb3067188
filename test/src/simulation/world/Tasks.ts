import { Context, Effect, Exit } from "effect"
import type { Prng } from "../model/Prng.ts"

/** A process abort: the write happened, nothing after it did. Not an error any code may catch. */
export class SimulatedCrash {
  readonly _tag = "SimulatedCrash"
  readonly task: number
  readonly afterWrite: string

  constructor(task: number, afterWrite: string) {
    this.task = task
    this.afterWrite = afterWrite
  }
}

/** The task the current fiber runs: which write aborts it, and whether it yields between port calls. */
export interface TaskState {
  readonly task: number
  readonly label: string
  readonly crashAfter: number | undefined
  /** Set when tasks run at once: each port call first yields a seeded number of times. */
  readonly interleave: Prng | undefined
  writes: Array<string>
}

export const CurrentTask = Context.Reference<TaskState | undefined>("certify/test/simulation/CurrentTask", {
  defaultValue: () => undefined
})

export const isCrash = (exit: Exit.Exit<unknown, unknown>): boolean =>
  Exit.isFailure(exit) &&
  exit.cause.reasons.some((r) => r._tag === "Die" && r.defect instanceof SimulatedCrash)

/** Every port call goes through here: the interleaving point, and after a write, the crash point. */
export const guarded = <A, E, R>(name: string, isWrite: boolean, call: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const task = yield* CurrentTask
    if (task?.interleave) {
      for (let n = task.interleave.int(3); n > 0; n--) yield* Effect.yieldNow
    }
    const result = yield* call
    if (isWrite && task) {
      task.writes.push(name)
      if (task.writes.length === task.crashAfter)
        return yield* Effect.die(new SimulatedCrash(task.task, name))
    }
    return result
  })

type AnyCall = (...args: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown, unknown>

/** The same service with every method guarded; `writes` names the methods that change state. */
export const guardService = <S extends object>(
  name: string,
  service: S,
  writes: ReadonlyArray<keyof S>
): S => {
  const wrapped: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(service)) {
    const isWrite = (writes as ReadonlyArray<string>).includes(key)
    wrapped[key] =
      typeof value === "function"
        ? (...args: ReadonlyArray<unknown>) => guarded(`${name}.${key}`, isWrite, (value as AnyCall)(...args))
        : Effect.isEffect(value)
          ? guarded(`${name}.${key}`, isWrite, value)
          : value
  }
  return wrapped as S
}
