import { Effect, Schema } from "effect"
import { InvalidInput } from "../../errors/InputErrors.ts"
import { JobsAdmin } from "../../ports/JobsAdmin.ts"
import { decodeInput } from "../decodeInput.ts"
import { claimOperatorAction, operatorFields, outcomeOf } from "./operatorCommand.ts"

export class RetryJobInput extends Schema.Class<RetryJobInput>("RetryJobInput")({
  ...operatorFields,
  jobId: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
}) {}

/** Schedules a dead-lettered job again. Jobs are safe to run twice, so a repeat is harmless. */
export const retryJob = Effect.fn("operator.retryJob")(function* (raw: unknown) {
  const input = yield* decodeInput(RetryJobInput, raw, "retry request")
  const claimed = yield* claimOperatorAction({
    ...input,
    kind: "retry_job",
    subjectType: "job",
    subjectId: input.jobId
  })
  const result = yield* JobsAdmin.use((jobs) => jobs.retry(input.jobId))
  if (result === "not_found") return yield* new InvalidInput({ subject: "jobId", message: "no such job" })
  if (result === "not_dead" && claimed === "recorded")
    return yield* new InvalidInput({ subject: "jobId", message: "only a dead-lettered job can be retried" })
  return outcomeOf(claimed, `job ${input.jobId} scheduled again`)
})
