import { PermanentJobFailure, RetryableJobFailure } from "@certify/adapters/jobs"
import type { Job } from "@certify/domain"
import { Cause, Option } from "effect"

/** Domain errors that no retry can fix: the job is dead-lettered at once and the case is already in review. */
const PERMANENT_ERRORS = new Set(["RenderRejected", "MailRejected"])

export interface JobFailure {
  readonly tag: string
  readonly message: string
  readonly permanent: boolean
  readonly retryAfterMs?: number
}

/** What went wrong, from a failed run's cause: a typed domain error by its tag, anything else a defect. */
export const jobFailureOf = (cause: Cause.Cause<unknown>): JobFailure => {
  const error = Cause.findErrorOption(cause)
  if (Option.isSome(error)) {
    const value = error.value as {
      _tag?: unknown
      reason?: unknown
      message?: unknown
      retryAfterMillis?: unknown
    }
    const tag = typeof value._tag === "string" ? value._tag : "UnknownError"
    const message = String(value.reason ?? value.message ?? "")
    return {
      tag,
      message,
      permanent: PERMANENT_ERRORS.has(tag),
      ...(typeof value.retryAfterMillis === "number" ? { retryAfterMs: value.retryAfterMillis } : {})
    }
  }
  return { tag: "Defect", message: Cause.pretty(cause).slice(0, 2_000), permanent: false }
}

export const toThrown = (failure: JobFailure) => {
  const message = `${failure.tag}: ${failure.message}`
  return failure.permanent
    ? new PermanentJobFailure(message)
    : new RetryableJobFailure(message, failure.retryAfterMs)
}

/** The ids a job is about, for its log lines: one grep follows an event to its email. */
export const jobSubject = (job: Job): Record<string, string | number> => {
  switch (job._tag) {
    case "ProcessGatewayEvent":
      return { gateway: job.gateway, eventId: job.eventId }
    case "IssueCertificate":
      return { entitlementId: job.entitlementId }
    case "SendCertificateEmail":
      return { certificateId: job.certificateId, version: job.version }
    case "ConfirmRefund":
      return { paymentId: job.paymentId }
  }
}
