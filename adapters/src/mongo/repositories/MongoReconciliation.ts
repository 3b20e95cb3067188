import { JanitorChecks, ReconciliationRun, ReconciliationRuns } from "@certify/domain"
import { Effect, Layer } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"

const decode = decodeDocument(ReconciliationRun, "reconciliation_runs")

export const layerRuns = Layer.effect(
  ReconciliationRuns,
  Effect.gen(function* () {
    const { ReconciliationRun: runs } = yield* modelsOf("ReconciliationRun")
    return ReconciliationRuns.of({
      record: (run) => Effect.asVoid(insertUnique(runs, encodeDocument(ReconciliationRun, run, run.runId))),
      watermark: (gateway) =>
        query(() =>
          runs
            .findOne({ gateway, outcome: "completed" })
            .sort({ windowTo: -1 })
            .lean<{ windowTo: Date }>()
            .exec()
        ).pipe(Effect.map((row) => row?.windowTo)),
      list: (limit) =>
        query(() =>
          runs.find({}).sort({ startedAt: -1 }).limit(limit).lean<Array<Record<string, unknown>>>().exec()
        ).pipe(Effect.map((docs) => docs.map(decode)))
    })
  })
)

export const layerJanitor = Layer.effect(
  JanitorChecks,
  Effect.gen(function* () {
    const { JanitorCheck: checks } = yield* modelsOf("JanitorCheck")
    return JanitorChecks.of({
      claim: (paymentId, checkpoint, at) =>
        insertUnique(checks, { _id: `${paymentId}|${checkpoint}`, paymentId, checkpoint, at })
    })
  })
)
