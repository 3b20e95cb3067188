import type { CommandStartedEvent, CommandSucceededEvent, Document, MongoClient } from "mongodb"

/** One command shape: the command, its collection, and the fields it filters on (not their values). */
export interface CommandShapeTotals {
  readonly shape: string
  readonly count: number
  readonly totalMs: number
}

export interface CommandProfileOptions {
  readonly everyMs: number
  /** Receives the shapes that took the most time in the last interval, slowest first. */
  readonly report: (shapes: ReadonlyArray<CommandShapeTotals>) => void
}

const FILTER_OF: Record<string, (command: Document) => unknown> = {
  find: (c) => c.filter,
  findAndModify: (c) => c.query,
  update: (c) => c.updates?.[0]?.q,
  delete: (c) => c.deletes?.[0]?.q,
  count: (c) => c.query,
  aggregate: (c) => c.pipeline?.[0]?.$match
}

const keysOf = (filter: unknown): string =>
  filter !== null && typeof filter === "object"
    ? Object.keys(filter)
        .map((key) => (key === "$or" || key === "$and" ? `${key}(…)` : key))
        .sort()
        .join(",")
    : ""

/**
 * Where the database's time goes, by command shape (`find payments {subject.id}`): a diagnostic for a
 * database that scans on some filters (FerretDB). Needs a client connected with `monitorCommands: true`.
 */
export const profileCommands = (client: MongoClient, options: CommandProfileOptions) => {
  const started = new Map<number, string>()
  let totals = new Map<string, { count: number; totalMs: number }>()
  client.on("commandStarted", (event: CommandStartedEvent) => {
    const filter = FILTER_OF[event.commandName]
    if (filter === undefined && event.commandName !== "insert") return
    const collection = String(event.command[event.commandName])
    started.set(event.requestId, `${event.commandName} ${collection} {${keysOf(filter?.(event.command))}}`)
  })
  const finish = (event: { requestId: number; duration: number }) => {
    const shape = started.get(event.requestId)
    if (shape === undefined) return
    started.delete(event.requestId)
    const total = totals.get(shape) ?? { count: 0, totalMs: 0 }
    total.count++
    total.totalMs += event.duration
    totals.set(shape, total)
  }
  client.on("commandSucceeded", (event: CommandSucceededEvent) => finish(event))
  client.on("commandFailed", finish)
  const timer = setInterval(() => {
    const shapes = [...totals].map(([shape, t]) => ({
      shape,
      count: t.count,
      totalMs: Math.round(t.totalMs)
    }))
    totals = new Map()
    if (shapes.length > 0) options.report(shapes.sort((a, b) => b.totalMs - a.totalMs).slice(0, 15))
  }, options.everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
