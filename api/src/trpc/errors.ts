import { TRPCError } from "@trpc/server"
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc"
import { Cause, Exit } from "effect"
import type { Logger } from "../observability/logger.ts"

/** Domain error tag → tRPC code. The one place errors are mapped; anything else is INTERNAL_SERVER_ERROR. */
const codes: Record<string, TRPC_ERROR_CODE_KEY> = {
  InvalidInput: "BAD_REQUEST",
  CourseNotCompleted: "PRECONDITION_FAILED",
  OfferNotFound: "NOT_FOUND",
  PriceUnavailable: "PRECONDITION_FAILED",
  EntitlementAlreadyGranted: "CONFLICT",
  EntitlementRevokedForCourse: "CONFLICT",
  PurchaseAlreadyPaid: "CONFLICT",
  PaymentUnavailable: "SERVICE_UNAVAILABLE",
  PaymentNotFound: "NOT_FOUND",
  CertificateNotFound: "NOT_FOUND",
  EntitlementNotFound: "NOT_FOUND",
  TransitionContention: "CONFLICT",
  InboxEventNotFound: "NOT_FOUND",
  PaymentNotSucceeded: "PRECONDITION_FAILED",
  RendererUnavailable: "SERVICE_UNAVAILABLE",
  MailUnavailable: "SERVICE_UNAVAILABLE"
}

/** A failure the client may act on; its tag travels in `error.data.domainError`. */
export class DomainError extends TRPCError {
  readonly domainError: string
  constructor(tag: string, message: string) {
    super({ code: codes[tag] ?? "INTERNAL_SERVER_ERROR", message })
    this.domainError = tag
  }
}

const tagOf = (error: unknown) =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string"
    ? error._tag
    : "UnknownError"

/** A value, or a DomainError for a typed failure. A defect never reaches the client with its details. */
export const fromExit = <A, E>(exit: Exit.Exit<A, E>, logger?: Pick<Logger, "error">): A => {
  if (Exit.isSuccess(exit)) return exit.value
  const failure = Cause.findError(exit.cause)
  if (failure._tag === "Success") {
    const error = failure.success
    throw new DomainError(tagOf(error), error instanceof Error ? error.message : tagOf(error))
  }
  if (logger) logger.error({ cause: Cause.pretty(exit.cause) }, "defect")
  else console.error(JSON.stringify({ level: "error", msg: "defect", cause: Cause.pretty(exit.cause) }))
  throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "internal error" })
}
