import { expect, it } from "vitest"
import { playInMemory } from "./playInMemory.ts"
import { simulate } from "./simulate.ts"

/** Scenarios per shard file; vitest runs the shard files in parallel, one per core. */
export const SCENARIOS_PER_SHARD = Number(process.env.SIM_SCENARIOS ?? 2_500)

/** The in-memory simulation, one shard of it: its own seed offset, the same invariants. */
export const memoryShard = (file: string, shard: number) =>
  it(
    `${SCENARIOS_PER_SHARD} seeded scenarios with injected faults keep every invariant`,
    async () => {
      const summary = await simulate({
        name: file,
        scenarios: SCENARIOS_PER_SHARD,
        shard,
        play: (scenario) => playInMemory(scenario)
      })
      console.log(
        `simulation ${file}: seed ${summary.seed - shard}, ${summary.scenarios} scenarios in ${summary.seconds.toFixed(1)} s ` +
          `(${(summary.scenarios / summary.seconds).toFixed(0)} scenarios/s)\n  ${JSON.stringify(summary.totals)}`
      )
      if (summary.failure !== undefined) console.error(summary.failure)
      expect(summary.failure).toBeUndefined()
    },
    Math.max(180_000, SCENARIOS_PER_SHARD * 60)
  )
