import { Context, type Effect, type Option, Schema } from "effect"
import { OperatorId, RequestId } from "../model/Ids.ts"

export const OperatorActionKind = Schema.Literals([
  "resolve_review",
  "refund_and_revoke",
  "revoke_certificate",
  "reissue_certificate",
  "retry_job",
  "start_reconciliation",
  "job_dashboard"
])
export type OperatorActionKind = typeof OperatorActionKind.Type

export const OperatorSubjectType = Schema.Literals(["payment", "certificate", "review", "job", "gateway"])
export type OperatorSubjectType = typeof OperatorSubjectType.Type

/** Why a person acted, in their words: required, so every decision can be explained later. */
export const OperatorReason = Schema.String.check(
  Schema.isTrimmed({ message: "reason must not start or end with spaces" }),
  Schema.isMinLength(3, { message: "a reason of at least 3 characters is required" }),
  Schema.isMaxLength(500, { message: "reason must be at most 500 characters" }),
  Schema.isPattern(/^[^\p{Cc}\p{Cf}]*$/u, { message: "reason must not contain control characters" })
)

/**
 * One operator decision, append-only. `actionId` is the request id the client sent: unique, so a
 * double submit is recorded (and acts) once. Transitions it causes carry it as their cause.
 */
export class OperatorAction extends Schema.Class<OperatorAction>("OperatorAction")({
  actionId: RequestId,
  operatorId: OperatorId,
  kind: OperatorActionKind,
  subjectType: OperatorSubjectType,
  subjectId: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
  reason: OperatorReason,
  details: Schema.Record(Schema.String, Schema.String),
  at: Schema.Date
}) {}

/** The operators' audit record for decisions that are not (only) a subject transition. Never updated. */
export class OperatorActions extends Context.Service<
  OperatorActions,
  {
    readonly record: (action: OperatorAction) => Effect.Effect<"recorded" | "duplicate">
    readonly find: (actionId: RequestId) => Effect.Effect<Option.Option<OperatorAction>>
    /** Actions on one subject, oldest first. */
    readonly listForSubject: (
      subjectId: string,
      limit: number
    ) => Effect.Effect<ReadonlyArray<OperatorAction>>
    /** The newest actions first. */
    readonly listRecent: (limit: number) => Effect.Effect<ReadonlyArray<OperatorAction>>
  }
>()("certify/domain/ports/OperatorActions") {}
