import { readdirSync, readFileSync } from "node:fs"
import type { EmbeddedStack } from "../../../../api/src/main/stack/EmbeddedStack.ts"

// Linux reports process CPU time in clock ticks of 1/100 s (CLK_TCK, fixed at 100 on x86-64 and arm64).
const TICKS_PER_SECOND = 100

const cpuSecondsOf = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    // Fields after the parenthesized command name; utime and stime are the 14th and 15th fields.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
  } catch {
    return 0
  }
}

/** The FerretDB process serving the stack's database, found by its listen port on the command line. */
const databasePid = (mongodbUri: string) => {
  const port = new URL(mongodbUri).port
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, "utf8")
      if (commandLine.includes("ferretdb") && commandLine.includes(`:${port}`)) return Number(entry)
    } catch {}
  }
  return undefined
}

/** CPU seconds spent by each process of the stack (workers summed as `worker`), since `start()`. */
export const stackCpu = (stack: EmbeddedStack) => {
  const pids = (): Array<[string, number]> => {
    const named = stack.processes.flatMap((p): Array<[string, number]> => {
      const pid = p.pid()
      return pid === undefined ? [] : [[p.name.startsWith("worker") ? "worker" : p.name, pid]]
    })
    const database = databasePid(stack.urls.mongodb)
    return database === undefined ? named : [...named, ["database", database]]
  }
  const sample = () => {
    const totals: Record<string, number> = {}
    for (const [name, pid] of pids()) totals[name] = (totals[name] ?? 0) + cpuSecondsOf(pid)
    return totals
  }
  const before = sample()
  return {
    /** CPU seconds per process name since the sampler was made. */
    used: (): Record<string, number> => {
      const after = sample()
      return Object.fromEntries(
        Object.entries(after).map(([name, value]) => [name, value - (before[name] ?? 0)])
      )
    }
  }
}
