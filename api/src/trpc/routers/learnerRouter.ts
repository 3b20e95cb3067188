import { Gateway, PaymentGateways, PaymentId, Payments, startPurchase } from "@certify/domain"
import { TRPCError } from "@trpc/server"
import { Effect, Option, Schema } from "effect"
import { rateLimited } from "../../observability/metrics.ts"
import type { TrpcContext } from "../context.ts"
import { input, RequestIdInput } from "../input.ts"
import { courseViews } from "../reads/courseViews.ts"
import { myCertificates, ownedCertificate } from "../reads/myCertificates.ts"
import { isSettled } from "../reads/purchaseStage.ts"
import { purchaseView } from "../reads/purchaseView.ts"
import { run } from "../run.ts"
import { learnerProcedure, router } from "../trpc.ts"
import type { DownloadLinkView, GatewayView, PurchaseView } from "../views.ts"

const StartPurchaseInput = Schema.Struct({
  courseId: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(80)),
  gateway: Gateway,
  requestId: RequestIdInput
})
const PaymentInput = Schema.Struct({ paymentId: PaymentId })
const DownloadInput = Schema.Struct({
  certificateId: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(40)),
  format: Schema.Literals(["png", "pdf"])
})

const POLL_MILLIS = 1000
const MAX_SUBSCRIPTION_MILLIS = 15 * 60_000

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "no such purchase" })

/** The learner's own payment: someone else's is indistinguishable from a missing one. */
const myPurchase = async (ctx: TrpcContext & { session: { userId: string } }, paymentId: PaymentId) => {
  const view = await run(
    ctx,
    Effect.gen(function* () {
      const payment = yield* Payments.use((p) => p.find(paymentId))
      if (Option.isNone(payment) || payment.value.learnerId !== ctx.session.userId) return undefined
      return yield* purchaseView(payment.value)
    })
  )
  if (view === undefined) throw notFound()
  return view
}

const sleep = (millis: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, millis)
    signal?.addEventListener("abort", () => {
      clearTimeout(timer)
      resolve()
    })
  })

export const learnerRouter = router({
  courses: learnerProcedure.query(({ ctx }) => run(ctx, courseViews(ctx.session.userId))),

  gateways: learnerProcedure.query(
    ({ ctx }): Promise<ReadonlyArray<GatewayView>> =>
      run(
        ctx,
        PaymentGateways.use((g) => g.status)
      )
  ),

  startPurchase: learnerProcedure
    .input(input(StartPurchaseInput))
    .mutation(async ({ ctx, input }): Promise<{ paymentId: string; checkoutUrl: string }> => {
      const decision = await ctx.rateLimits.consume("startPurchase", ctx.session.userId)
      if (!decision.allowed) {
        rateLimited.inc({ limit: "startPurchase" })
        ctx.setHeader("Retry-After", String(decision.retryAfterSeconds))
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: `too many purchase starts; retry in ${decision.retryAfterSeconds}s`
        })
      }
      const started = await run(
        ctx,
        startPurchase({
          learnerId: ctx.session.userId,
          courseId: input.courseId,
          gateway: input.gateway,
          requestId: input.requestId
        })
      )
      ctx.logger.info({ paymentId: started.paymentId, reused: started.reused }, "purchase started")
      return { paymentId: started.paymentId, checkoutUrl: started.checkoutUrl }
    }),

  purchase: learnerProcedure
    .input(input(PaymentInput))
    .query(({ ctx, input }): Promise<PurchaseView> => myPurchase(ctx, input.paymentId)),

  /** Live status over SSE; the client falls back to polling `purchase`. Ends once the purchase settles. */
  purchaseUpdates: learnerProcedure.input(input(PaymentInput)).subscription(async function* ({
    ctx,
    input,
    signal
  }) {
    const started = Date.now()
    let last = ""
    while (!signal?.aborted && Date.now() - started < MAX_SUBSCRIPTION_MILLIS) {
      const view = await myPurchase(ctx, input.paymentId)
      const serialized = JSON.stringify(view)
      if (serialized !== last) {
        last = serialized
        yield view
      }
      if (isSettled(view.stage)) return
      await sleep(POLL_MILLIS, signal)
    }
  }),

  certificates: learnerProcedure.query(({ ctx }) => run(ctx, myCertificates(ctx.session.userId))),

  downloadLink: learnerProcedure
    .input(input(DownloadInput))
    .mutation(async ({ ctx, input }): Promise<DownloadLinkView> => {
      const mine = await run(ctx, ownedCertificate(ctx.session.userId, input.certificateId))
      if (mine === undefined || mine.status !== "issued")
        throw new TRPCError({ code: "NOT_FOUND", message: "no such certificate" })
      const link = ctx.downloadLinks.create({
        certificateId: mine.certificateId,
        format: input.format,
        learnerId: ctx.session.userId
      })
      return { url: link.url, expiresAt: link.expiresAt.toISOString() }
    })
})
