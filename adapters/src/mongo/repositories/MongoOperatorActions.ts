import { OperatorAction, OperatorActions } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"

const decode = decodeDocument(OperatorAction, "operator_actions")

export const layer = Layer.effect(
  OperatorActions,
  Effect.gen(function* () {
    const { OperatorAction: actions } = yield* modelsOf("OperatorAction")
    const list = (filter: Record<string, unknown>, sort: Record<string, 1 | -1>, limit: number) =>
      query(() =>
        actions.find(filter).sort(sort).limit(limit).lean<Array<Record<string, unknown>>>().exec()
      ).pipe(Effect.map((docs) => docs.map(decode)))
    return OperatorActions.of({
      record: (action) =>
        Effect.map(
          insertUnique(actions, encodeDocument(OperatorAction, action, action.actionId)),
          (inserted) => (inserted ? "recorded" : "duplicate")
        ),
      find: (actionId) =>
        query(() => actions.findById(actionId).lean<Record<string, unknown>>().exec()).pipe(
          Effect.map((doc) => (doc ? Option.some(decode(doc)) : Option.none()))
        ),
      listForSubject: (subjectId, limit) => list({ subjectId }, { at: 1, _id: 1 }, limit),
      listRecent: (limit) => list({}, { at: -1, _id: 1 }, limit)
    })
  })
)
