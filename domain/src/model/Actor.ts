import { Schema } from "effect"

/** Who or what caused a transition. */
export const ActorKind = Schema.Literals([
  "webhook",
  "reconciler",
  "janitor",
  "learner",
  "operator",
  "system"
])
export type ActorKind = typeof ActorKind.Type

export class Actor extends Schema.Class<Actor>("Actor")({
  kind: ActorKind,
  id: Schema.optionalKey(Schema.String)
}) {}

/** What caused it: the gateway event, the request, the job or the operator action, by id. */
export const CauseKind = Schema.Literals([
  "gateway_event",
  "request",
  "job",
  "operator_action",
  "reconciliation"
])
export type CauseKind = typeof CauseKind.Type

export class Cause extends Schema.Class<Cause>("Cause")({
  kind: CauseKind,
  id: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
}) {}
