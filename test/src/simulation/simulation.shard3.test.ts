import { describe } from "vitest"
import { memoryShard } from "./run/memoryShard.ts"

// Issue 7 §1 in memory: 4 shard files of 2,500 scenarios each (vitest runs files in parallel, one per core).
describe("deterministic fault-injection simulation (in memory, shard 3 of 4)", () => {
  memoryShard("simulation.shard3.test.ts", 2000006)
})
