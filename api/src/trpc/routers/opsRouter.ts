import {
  Gateway,
  JobsAdmin,
  ManualReview,
  paymentStory,
  ReconciliationRuns,
  ReviewReason,
  reissueCertificate,
  resolveReview,
  retryJob,
  revokeCertificate,
  searchPayments,
  startReconciliation
} from "@certify/domain"
import { TRPCError } from "@trpc/server"
import { Effect, Schema } from "effect"
import type { TrpcContext } from "../context.ts"
import { input, RequestIdInput } from "../input.ts"
import { paymentStoryView } from "../reads/paymentStoryView.ts"
import { jobView, paymentRow, reconciliationRunView, reviewView } from "../reads/toViews.ts"
import { type HandlerServices, run } from "../run.ts"
import { adminProcedure, router } from "../trpc.ts"
import type { OperatorActionResult, PaymentStory } from "../views.ts"

const LIST_LIMIT = 100
const STUCK_AFTER_MILLIS = 10 * 60_000

// Checked again, with the same rules, by the use case; here it gives the client a precise 400 early.
const Note = Schema.String.check(
  Schema.isMinLength(3, { message: "a reason of at least 3 characters is required" }),
  Schema.isMaxLength(500)
)
const Subject = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))

const SearchInput = Schema.Struct({ query: Schema.String.check(Schema.isMaxLength(200)) })
const StoryInput = Schema.Struct({ paymentId: Subject })
const ResolveInput = Schema.Struct({
  subjectId: Subject,
  reason: ReviewReason,
  decision: Schema.Literals(["resolve", "refund_and_revoke"]),
  note: Note,
  requestId: RequestIdInput
})
const RetryInput = Schema.Struct({ jobId: Subject, note: Note, requestId: RequestIdInput })
const ReconcileInput = Schema.Struct({
  gateway: Gateway,
  since: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(40))),
  note: Note,
  requestId: RequestIdInput
})
const RevokeInput = Schema.Struct({ certificateId: Subject, note: Note, requestId: RequestIdInput })
const ReissueInput = Schema.Struct({
  certificateId: Subject,
  printedName: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(120))),
  note: Note,
  requestId: RequestIdInput
})

type AdminContext = TrpcContext & { readonly session: { readonly userId: string } }

const act = async <E>(
  ctx: AdminContext,
  action: string,
  effect: Effect.Effect<OperatorActionResult, E, HandlerServices>
): Promise<OperatorActionResult> => {
  const result = await run(ctx, effect)
  ctx.logger.info({ operatorId: ctx.session.userId, action, outcome: result.outcome }, "operator action")
  return result
}

const sinceDate = (since: string | undefined) => {
  if (since === undefined) return undefined
  const date = new Date(since)
  if (Number.isNaN(date.getTime()))
    throw new TRPCError({ code: "BAD_REQUEST", message: "since must be an ISO date" })
  return date
}

export const opsRouter = router({
  search: adminProcedure.input(input(SearchInput)).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.map(searchPayments(input.query, LIST_LIMIT), (ps) => ps.map(paymentRow))
    )
  ),

  story: adminProcedure
    .input(input(StoryInput))
    .query(
      ({ ctx, input }): Promise<PaymentStory> =>
        run(ctx, Effect.flatMap(paymentStory(input.paymentId), paymentStoryView))
    ),

  reviews: adminProcedure.query(({ ctx }) =>
    run(
      ctx,
      Effect.map(
        ManualReview.use((r) => r.listOpen(LIST_LIMIT)),
        (items) => items.map(reviewView)
      )
    )
  ),

  resolveReview: adminProcedure
    .input(input(ResolveInput))
    .mutation(({ ctx, input }) =>
      act(ctx, "resolveReview", resolveReview({ ...input, operatorId: ctx.session.userId }))
    ),

  deadLetters: adminProcedure.query(({ ctx }) =>
    run(
      ctx,
      Effect.map(
        JobsAdmin.use((j) => j.deadLetters(LIST_LIMIT)),
        (jobs) => jobs.map(jobView)
      )
    )
  ),

  stuckJobs: adminProcedure.query(({ ctx }) =>
    run(
      ctx,
      Effect.map(
        JobsAdmin.use((j) => j.stuck(STUCK_AFTER_MILLIS, LIST_LIMIT)),
        (jobs) => jobs.map(jobView)
      )
    )
  ),

  retryJob: adminProcedure
    .input(input(RetryInput))
    .mutation(({ ctx, input }) =>
      act(ctx, "retryJob", retryJob({ ...input, operatorId: ctx.session.userId }))
    ),

  reconciliationRuns: adminProcedure.query(({ ctx }) =>
    run(
      ctx,
      Effect.map(
        ReconciliationRuns.use((r) => r.list(LIST_LIMIT)),
        (runs) => runs.map(reconciliationRunView)
      )
    )
  ),

  startReconciliation: adminProcedure.input(input(ReconcileInput)).mutation(({ ctx, input }) => {
    const since = sinceDate(input.since)
    return act(
      ctx,
      "startReconciliation",
      startReconciliation({
        gateway: input.gateway,
        note: input.note,
        requestId: input.requestId,
        operatorId: ctx.session.userId,
        ...(since === undefined ? {} : { since })
      })
    )
  }),

  revokeCertificate: adminProcedure
    .input(input(RevokeInput))
    .mutation(({ ctx, input }) =>
      act(ctx, "revokeCertificate", revokeCertificate({ ...input, operatorId: ctx.session.userId }))
    ),

  reissueCertificate: adminProcedure
    .input(input(ReissueInput))
    .mutation(({ ctx, input }) =>
      act(ctx, "reissueCertificate", reissueCertificate({ ...input, operatorId: ctx.session.userId }))
    )
})
