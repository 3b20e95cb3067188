import { Effect, Schema } from "effect"
import { Gateway } from "../../model/Gateway.ts"
import { Clock } from "../../ports/Clock.ts"
import { decodeInput } from "../decodeInput.ts"
import { reconcileGateway } from "../reconcileGateway.ts"
import { claimOperatorAction, operatorFields, outcomeOf } from "./operatorCommand.ts"

export class StartReconciliationInput extends Schema.Class<StartReconciliationInput>(
  "StartReconciliationInput"
)({
  ...operatorFields,
  gateway: Gateway,
  since: Schema.optionalKey(Schema.Date)
}) {}

/** Runs a reconciliation now. Running it twice changes nothing, so a repeat runs it again harmlessly. */
export const startReconciliation = Effect.fn("operator.startReconciliation")(function* (raw: unknown) {
  const input = yield* decodeInput(StartReconciliationInput, raw, "reconciliation request")
  const claimed = yield* claimOperatorAction({
    ...input,
    kind: "start_reconciliation",
    subjectType: "gateway",
    subjectId: input.gateway,
    details: input.since === undefined ? {} : { since: input.since.toISOString() }
  })
  const now = yield* Clock.use((clock) => clock.now)
  // On demand, so it never moves the scheduled runs' watermark (they still cover every window once).
  const run = yield* reconcileGateway(
    input.gateway,
    input.since === undefined ? undefined : { from: input.since, to: now },
    "manual"
  )
  return outcomeOf(
    claimed,
    `reconciliation ${run.runId}: ${run.seen} seen, ${run.fixed} fixed, ${run.flagged} flagged`
  )
})
