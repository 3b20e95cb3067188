import { Effect, Layer } from "effect"
import { JanitorChecks } from "../../ports/JanitorChecks.ts"
import { type ReconciliationRun, ReconciliationRuns } from "../../ports/ReconciliationRuns.ts"

export const layerRunsMemory = Layer.sync(ReconciliationRuns, () => {
  const runs: Array<ReconciliationRun> = []
  return ReconciliationRuns.of({
    record: (run) => Effect.sync(() => void runs.push(run)),
    watermark: (gateway) =>
      Effect.sync(
        () => runs.filter((r) => r.gateway === gateway && r.outcome === "completed").at(-1)?.windowTo
      ),
    list: (limit) => Effect.sync(() => runs.slice(-limit).reverse())
  })
})

export const layerJanitorMemory = Layer.sync(JanitorChecks, () => {
  const claimed = new Set<string>()
  return JanitorChecks.of({
    claim: (paymentId, checkpoint) =>
      Effect.sync(() => {
        const key = `${paymentId}|${checkpoint}`
        if (claimed.has(key)) return false
        claimed.add(key)
        return true
      })
  })
})
