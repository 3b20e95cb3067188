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
            .findOne({ gateway, outcome: "completed", trigger: { $ne: "manual" } })
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
    // A checkpoint's cursor is a row of the same collection under a key no payment id can take (payment
    // ids never start with "@"), read and written by `_id` only: keyed on FerretDB.
    const cursorKey = (checkpoint: string) => `@cursor|${checkpoint}`
    return JanitorChecks.of({
      claim: (paymentId, checkpoint, at) =>
        insertUnique(checks, { _id: `${paymentId}|${checkpoint}`, paymentId, checkpoint, at }),
      cursor: (checkpoint) =>
        query(() => checks.findById(cursorKey(checkpoint)).lean<{ at: Date }>().exec()).pipe(
          Effect.map((row) => row?.at)
        ),
      // Not atomic on FerretDB (read, then write): two janitors may move it back a little, which only
      // makes the next pass re-read rows whose claims already exist.
      advance: (checkpoint, to) =>
        Effect.gen(function* () {
          const _id = cursorKey(checkpoint)
          if (yield* insertUnique(checks, { _id, paymentId: "@cursor", checkpoint, at: to })) return
          yield* query(() => checks.updateOne({ _id, at: { $lt: to } }, { $set: { at: to } }).exec())
        })
    })
  })
)
