import { Effect, Layer, Option } from "effect"
import { type OperatorAction, OperatorActions } from "../../ports/OperatorActions.ts"

const oldestFirst = (a: OperatorAction, b: OperatorAction) =>
  a.at.getTime() - b.at.getTime() || a.actionId.localeCompare(b.actionId)

export const layerMemory = Layer.sync(OperatorActions, () => {
  const actions = new Map<string, OperatorAction>()
  return OperatorActions.of({
    record: (action) =>
      Effect.sync(() => {
        if (actions.has(action.actionId)) return "duplicate" as const
        actions.set(action.actionId, action)
        return "recorded" as const
      }),
    find: (actionId) => Effect.sync(() => Option.fromUndefinedOr(actions.get(actionId))),
    listForSubject: (subjectId, limit) =>
      Effect.sync(() =>
        [...actions.values()]
          .filter((a) => a.subjectId === subjectId)
          .sort(oldestFirst)
          .slice(0, limit)
      ),
    listRecent: (limit) =>
      Effect.sync(() =>
        [...actions.values()]
          .sort((a, b) => b.at.getTime() - a.at.getTime() || a.actionId.localeCompare(b.actionId))
          .slice(0, limit)
      )
  })
})
