import {
  claimOperatorAction,
  decodeInput,
  InvalidInput,
  JobsAdmin,
  type OperatorAction,
  OperatorActions,
  outcomeOf,
  RetryJobInput
} from "@certify/domain"
import { Effect, Option } from "effect"

const sameRetry = (action: OperatorAction, jobId: string) =>
  action.kind === "retry_job" && action.subjectId === jobId

/**
 * `ops.retryJob`: schedules a dead-lettered job again and records the operator's action only when a
 * job was actually retried, so a typo'd or live job id leaves no audit record claiming a retry.
 * (The domain's `retryJob` records first, then finds out whether there is a job.)
 * A resubmit of the same request after it went through answers "duplicate" and changes nothing.
 */
export const retryDeadJob = Effect.fn("ops.retryDeadJob")(function* (raw: unknown) {
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
