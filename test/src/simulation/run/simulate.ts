import * as fc from "fast-check"
import { type Scenario, type ScenarioSize, scenarioArbitrary } from "../model/Scenario.ts"
import type { ScenarioResult } from "./runScenario.ts"

export interface SimulationOptions {
  readonly name: string
  readonly scenarios: number
  /** Plays one scenario; `index` numbers the scenarios of this run (for namespaces in a shared database). */
  readonly play: (scenario: Scenario, index: number) => Promise<ScenarioResult>
  /** Offsets the seed, so that shards of one run explore different scenarios. */
  readonly shard?: number
  readonly size?: ScenarioSize
  /** A fixed seed (for tests of the simulation itself); otherwise SIM_SEED or a fresh one. */
  readonly seed?: number
}

export interface SimulationSummary {
  readonly seed: number
  readonly scenarios: number
  readonly seconds: number
  readonly totals: Record<string, number>
  /** Empty when every invariant held; otherwise the report to print. */
  readonly failure: string | undefined
}

const envInt = (name: string) => {
  const raw = process.env[name]
  return raw === undefined || raw === "" ? undefined : Number.parseInt(raw, 10)
}

/**
 * Runs `scenarios` generated scenarios through fast-check. A violation is shrunk to a minimal fault
 * list, and the report says how to replay exactly that scenario: `SIM_SEED` (and `SIM_PATH`) in the
 * environment replay a run; without them the seed is fresh and printed.
 */
export const simulate = async (options: SimulationOptions): Promise<SimulationSummary> => {
  const seed = (options.seed ?? envInt("SIM_SEED") ?? Date.now() % 2_000_000_000) + (options.shard ?? 0)
  const path = process.env.SIM_PATH
  const totals: Record<string, number> = {}
  let index = 0
  const property = fc.asyncProperty(scenarioArbitrary(options.size), async (scenario) => {
    const result = await options.play(scenario, index++)
    for (const [key, value] of Object.entries(result))
      if (typeof value === "number") totals[key] = (totals[key] ?? 0) + value
    if (result.violations.length > 0) throw new Error(result.violations.join("\n"))
  })
  const started = performance.now()
  const details = await fc.check(property, {
    seed,
    numRuns: options.scenarios,
    ...(path === undefined || path === "" ? {} : { path }),
    endOnFailure: false
  })
  const seconds = (performance.now() - started) / 1000
  const failure = details.failed
    ? [
        `simulation ${options.name}: invariant violated (after ${details.numRuns} scenarios, ${details.numShrinks} shrinks)`,
        details.errorInstance instanceof Error
          ? details.errorInstance.message
          : String(details.errorInstance),
        "minimal reproduction (the shrunk scenario):",
        JSON.stringify(details.counterexample?.[0], null, 1),
        `replay: SIM_SEED=${seed - (options.shard ?? 0)} SIM_PATH=${details.counterexamplePath} npx vitest run test/src/simulation/${options.name}`
      ].join("\n")
    : undefined
  return { seed, scenarios: index, seconds, totals, failure }
}
