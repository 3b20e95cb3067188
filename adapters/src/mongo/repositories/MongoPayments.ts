import { Payment, PaymentLedger, Payments, SubjectRef } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"
import { makeSubjectLog, projectUntilCurrent } from "./SubjectLog.ts"

const decode = decodeDocument(Payment, "payments")

export const layer = Layer.effect(
  Payments,
  Effect.gen(function* () {
    const { Payment: payments, PaymentRef: refs } = yield* modelsOf("Payment", "PaymentRef")
    const log = yield* makeSubjectLog
    const byId = (paymentId: string) =>
      query(() => payments.findById(paymentId).lean<Record<string, unknown>>().exec()).pipe(
        Effect.map((doc) => (doc ? Option.some(decode(doc)) : Option.none()))
      )
    const byRef = (gateway: string, kind: "checkout" | "payment", ref: string) =>
      query(() => refs.findById(`${gateway}:${kind}:${ref}`).lean<{ paymentId: string }>().exec()).pipe(
        Effect.flatMap((row) => (row ? byId(row.paymentId) : Effect.succeedNone))
      )
    // The ref row is inserted before the payment document is updated: a crash in between leaves a
    // row that points at the right payment, and the retry writes the same values again. A reference
    // another payment owns is not written onto this one (a no-op): the unique row decides the owner.
    const claimRef = (paymentId: string, gateway: string, kind: "checkout" | "payment", ref: string) =>
      Effect.gen(function* () {
        const _id = `${gateway}:${kind}:${ref}`
        if (yield* insertUnique(refs, { _id, gateway, kind, ref, paymentId })) return true
        const owner = yield* query(() => refs.findById(_id).lean<{ paymentId: string }>().exec())
        return owner?.paymentId === paymentId
      })
    const attach = (
      paymentId: string,
      kind: "checkout" | "payment",
      ref: string,
      fields: Record<string, string>
    ) =>
      Effect.gen(function* () {
        const payment = yield* byId(paymentId)
        if (Option.isNone(payment)) return
        if (!(yield* claimRef(paymentId, payment.value.gateway, kind, ref))) return
        yield* query(() => payments.updateOne({ _id: paymentId }, { $set: fields }).exec())
      })
    return Payments.of({
      insert: (payment) =>
        Effect.map(insertUnique(payments, encodeDocument(Payment, payment, payment.paymentId)), (inserted) =>
          inserted ? "inserted" : "exists"
        ),
      find: byId,
      findByCheckoutRef: (gateway, ref) => byRef(gateway, "checkout", ref),
      findByGatewayPaymentId: (gateway, ref) => byRef(gateway, "payment", ref),
      listByIntent: (intentId) =>
        query(() =>
          payments
            .find({ intentId })
            .sort({ attempt: 1, gateway: 1 })
            .lean<Array<Record<string, unknown>>>()
            .exec()
        ).pipe(Effect.map((docs) => docs.map(decode))),
      attachCheckout: (paymentId, checkoutRef, checkoutUrl) =>
        attach(paymentId, "checkout", checkoutRef, { checkoutRef, checkoutUrl }),
      attachGatewayPaymentId: (paymentId, gatewayPaymentId) =>
        attach(paymentId, "payment", gatewayPaymentId, { gatewayPaymentId }),
      // A projection write: its `version < new` guard is not atomic on FerretDB, so the write is
      // followed by a look at the log, and repaired from it while the log is ahead (SubjectLog.ts).
      project: (paymentId, status, version) =>
        projectUntilCurrent(
          { status, version },
          (projection) =>
            Effect.asVoid(
              query(() =>
                payments
                  .updateOne({ _id: paymentId, version: { $lt: projection.version } }, { $set: projection })
                  .exec()
              )
            ),
          (seq) => log.hasEntry(new SubjectRef({ type: "payment", id: paymentId }), seq),
          Effect.map(log.replayed(PaymentLedger, paymentId), ({ state, version }) => ({
            status: state,
            version
          }))
        ),
      listByStatus: (statuses, createdBefore, limit, createdAfter) =>
        query(() =>
          payments
            .find({
              status: { $in: [...statuses] },
              createdAt: {
                $lte: createdBefore,
                ...(createdAfter === undefined ? {} : { $gt: createdAfter })
              }
            })
            .sort({ createdAt: 1 })
            .limit(limit)
            .lean<Array<Record<string, unknown>>>()
            .exec()
        ).pipe(Effect.map((docs) => docs.map(decode)))
    })
  })
)
