import { Effect, Layer } from "effect"
import { JanitorChecks } from "../../ports/JanitorChecks.ts"
import { type ReconciliationRun, ReconciliationRuns } from "../../ports/ReconciliationRuns.ts"

export const layerRunsMemory = Layer.sync(ReconciliationRuns, () => {
  const runs: Array<ReconciliationRun> = []
  return ReconciliationRuns.of({
    record: (run) => Effect.sync(() => void runs.push(run)),
    watermark: (gateway) =>
      Effect.sync(() =>
        runs
          .filter((r) => r.gateway === gateway && r.outcome === "completed" && r.trigger !== "manual")
          .reduce<Date | undefined>(
            (newest, r) => (newest && newest >= r.windowTo ? newest : r.windowTo),
            undefined
          )
      ),
    list: (limit) => Effect.sync(() => runs.slice(-limit).reverse())
  })
})

export const layerJanitorMemory = Layer.sync(JanitorChecks, () => {
  const claimed = new Set<string>()
  const cursors = new Map<string, Date>()
  return JanitorChecks.of({
    claim: (paymentId, checkpoint) =>
      Effect.sync(() => {
        const key = `${paymentId}|${checkpoint}`
        if (claimed.has(key)) return false
        claimed.add(key)
        return true
      }),
    cursor: (checkpoint) => Effect.sync(() => cursors.get(checkpoint)),
    advance: (checkpoint, to) =>
      Effect.sync(() => {
        const current = cursors.get(checkpoint)
        if (current === undefined || current < to) cursors.set(checkpoint, to)
      })
  })
})
