import { Effect } from "effect"
import type { Scenario } from "../model/Scenario.ts"
import { memoryLedger, runScenario } from "./runScenario.ts"
import type { World } from "./World.ts"

/** One scenario on a fresh in-memory ledger. */
export const playInMemory = (scenario: Scenario, plantBug?: (world: World) => void) =>
  Effect.runPromise(runScenario(scenario, "", 0, plantBug).pipe(Effect.provide(memoryLedger())))
