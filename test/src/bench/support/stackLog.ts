import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { testResultsDir } from "../../stack/startTestStack.ts"

/**
 * How often the stack's processes logged each message since `since`: the workers' own account of
 * contention (a job run twice, an email lease held elsewhere, a lock conflict) during a measurement.
 */
export const countLogMessages = (stackName: string, since: Date, messages: ReadonlyArray<string>) => {
  const file = join(testResultsDir, "logs", `${stackName}.log`)
  const counts: Record<string, number> = Object.fromEntries(messages.map((m) => [m, 0]))
  if (!existsSync(file)) return counts
  const after = since.toISOString()
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const time = /"time":"([^"]+)"/.exec(line)?.[1]
    if (time === undefined || time < after) continue
    for (const message of messages) if (line.includes(message)) counts[message] = (counts[message] ?? 0) + 1
  }
  return counts
}

/** The messages that show workers getting in each other's way on FerretDB. */
export const contentionMessages = [
  "job taken by another worker",
  "send in progress elsewhere",
  "SQLITE_BUSY",
  "ledger unavailable",
  "job failed"
] as const

export const describeCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([message, count]) => `"${message}" ×${count}`)
    .join(", ")
