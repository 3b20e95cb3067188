import { Effect, Option, Schema } from "effect"
import { InvalidInput } from "../../errors/InputErrors.ts"
import type { TransitionCause } from "../../ledger/subjects.ts"
import { Actor, Cause } from "../../model/Actor.ts"
import { OperatorId, RequestId } from "../../model/Ids.ts"
import { Clock } from "../../ports/Clock.ts"
import {
  OperatorAction,
  type OperatorActionKind,
  OperatorActions,
  OperatorReason,
  type OperatorSubjectType
} from "../../ports/OperatorActions.ts"

/** Fields every operator command carries: who, why, and the request id that makes a resubmit harmless. */
export const operatorFields = {
  operatorId: OperatorId,
  note: OperatorReason,
  requestId: RequestId
}

export interface OperatorOutcome {
  readonly outcome: "done" | "duplicate"
  readonly detail: string
}

/** The transition cause of everything one operator action changes. */
export const operatorCause = (operatorId: OperatorId, requestId: RequestId): TransitionCause => ({
  actor: new Actor({ kind: "operator", id: operatorId }),
  cause: new Cause({ kind: "operator_action", id: requestId })
})

/**
 * Records the decision before acting, so it is on record even if acting crashes halfway. A repeat of
 * the same request id is "duplicate"; the caller then runs its (idempotent) act again, which finishes
 * whatever the first attempt left undone. A request id reused for a different decision is refused.
 */
export const claimOperatorAction = Effect.fn("claimOperatorAction")(function* (claim: {
  readonly operatorId: OperatorId
  readonly requestId: RequestId
  readonly kind: OperatorActionKind
  readonly subjectType: OperatorSubjectType
  readonly subjectId: string
  readonly note: string
  readonly details?: Record<string, string>
}) {
  const at = yield* Clock.use((clock) => clock.now)
  const action = yield* Schema.decodeUnknownEffect(OperatorAction)({
    actionId: claim.requestId,
    operatorId: claim.operatorId,
    kind: claim.kind,
    subjectType: claim.subjectType,
    subjectId: claim.subjectId,
    reason: claim.note,
    details: claim.details ?? {},
    at
  }).pipe(
    Effect.mapError((error) => new InvalidInput({ subject: "operator action", message: error.message }))
  )
  const actions = yield* OperatorActions
  const recorded = yield* actions.record(action)
  if (recorded === "recorded") return "recorded" as const
  const existing = yield* actions.find(action.actionId)
  const same = Option.match(existing, {
    onNone: () => false,
    onSome: (e) =>
      e.kind === action.kind && e.subjectId === action.subjectId && e.operatorId === action.operatorId
  })
  if (!same)
    return yield* new InvalidInput({
      subject: "requestId",
      message: "this request id was already used for a different action"
    })
  return "duplicate" as const
})

export const outcomeOf = (claimed: "recorded" | "duplicate", detail: string): OperatorOutcome => ({
  outcome: claimed === "recorded" ? "done" : "duplicate",
  detail
})
