import { Effect, Option, Schema } from "effect"
import { InvalidInput } from "../../errors/InputErrors.ts"
import { JobsAdmin } from "../../ports/JobsAdmin.ts"
import { type OperatorAction, OperatorActions } from "../../ports/OperatorActions.ts"
import { decodeInput } from "../decodeInput.ts"
import { claimOperatorAction, operatorFields, outcomeOf } from "./operatorCommand.ts"

export class RetryJobInput extends Schema.Class<RetryJobInput>("RetryJobInput")({
  ...operatorFields,
  jobId: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
}) {}

const sameRetry = (action: OperatorAction, jobId: string) =>
  action.kind === "retry_job" && action.subjectId === jobId

/**
 * Schedules a dead-lettered job again (jobs are safe to run twice) and records the operator's action
 * only once a job was actually retried, so a mistyped or live job id leaves no record claiming a retry.
 * A resubmit of the same request after it went through answers "duplicate" and changes nothing.
 */
export const retryJob = Effect.fn("operator.retryJob")(function* (raw: unknown) {
  const input = yield* decodeInput(RetryJobInput, raw, "retry request")
  const earlier = yield* OperatorActions.use((actions) => actions.find(input.requestId))
  if (Option.isSome(earlier) && !sameRetry(earlier.value, input.jobId))
    return yield* new InvalidInput({
      subject: "requestId",
      message: "this request id was already used for a different action"
    })
  const result = yield* JobsAdmin.use((jobs) => jobs.retry(input.jobId))
  if (result === "not_found") return yield* new InvalidInput({ subject: "jobId", message: "no such job" })
  if (result === "not_dead") {
    if (Option.isSome(earlier)) return outcomeOf("duplicate", `job ${input.jobId} already scheduled again`)
    return yield* new InvalidInput({ subject: "jobId", message: "only a dead-lettered job can be retried" })
  }
  const claimed = yield* claimOperatorAction({
    ...input,
    kind: "retry_job",
    subjectType: "job",
    subjectId: input.jobId
  })
  return outcomeOf(claimed, `job ${input.jobId} scheduled again`)
})
