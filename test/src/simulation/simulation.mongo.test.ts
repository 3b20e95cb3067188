import { testLedger } from "@certify/adapters/testing"
import { Effect, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runScenario } from "./run/runScenario.ts"
import { simulate } from "./run/simulate.ts"

const SCENARIOS = Number(process.env.SIM_MONGO_SCENARIOS ?? 50)

// The same simulation with the ledger on the real database (FerretDB, or MONGODB_URI): the mongoose
// adapters' unique inserts are what make the duplicates, races and crash retries harmless.
// One database for the batch; each scenario has its own learners, courses and ids.
describe("deterministic fault-injection simulation (ledger on the database)", () => {
  const makeRuntime = () => ManagedRuntime.make(testLedger("simulation"))
  let runtime: ReturnType<typeof makeRuntime>
  const tag = Math.random().toString(36).slice(2, 6)

  beforeAll(async () => {
    runtime = makeRuntime()
    await runtime.runPromise(Effect.void)
  })
  afterAll(() => runtime.dispose())

  it(
    `${SCENARIOS} seeded scenarios keep every invariant on the mongoose ledger`,
    async () => {
      const summary = await simulate({
        name: "simulation.mongo.test.ts",
        scenarios: SCENARIOS,
        size: { maxSteps: 12, longQuiescence: false },
        play: (scenario, index) => runtime.runPromise(runScenario(scenario, `${tag}${index}_`, index + 1))
      })
      console.log(
        `simulation on the database: seed ${summary.seed}, ${summary.scenarios} scenarios in ${summary.seconds.toFixed(1)} s ` +
          `(${(summary.scenarios / summary.seconds).toFixed(1)} scenarios/s)\n  ${JSON.stringify(summary.totals)}`
      )
      if (summary.failure !== undefined) console.error(summary.failure)
      expect(summary.failure).toBeUndefined()
    },
    Math.max(180_000, SCENARIOS * 4_000)
  )
})
