import { Payment, Payments } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"

const decode = decodeDocument(Payment, "payments")

export const layer = Layer.effect(
  Payments,
  Effect.gen(function* () {
    const { Payment: payments, PaymentRef: refs } = yield* modelsOf("Payment", "PaymentRef")
    const byId = (paymentId: string) =>
      query(() => payments.findById(paymentId).lean<Record<string, unknown>>().exec()).pipe(
        Effect.map((doc) => (doc ? Option.some(decode(doc)) : Option.none()))
      )
    const byRef = (gateway: string, kind: "checkout" | "payment", ref: string) =>
      query(() => refs.findById(`${gateway}:${kind}:${ref}`).lean<{ paymentId: string }>().exec()).pipe(
        Effect.flatMap((row) => (row ? byId(row.paymentId) : Effect.succeedNone))
      )
    // The ref row is inserted before the payment document is updated: a crash in between leaves a
    // row that points at the right payment, and the retry writes the same values again.
    const attachRef = (paymentId: string, gateway: string, kind: "checkout" | "payment", ref: string) =>
      insertUnique(refs, { _id: `${gateway}:${kind}:${ref}`, gateway, kind, ref, paymentId })
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
        Effect.flatMap(byId(paymentId), (payment) =>
          Option.isNone(payment)
            ? Effect.void
            : Effect.andThen(attachRef(paymentId, payment.value.gateway, "checkout", checkoutRef), () =>
                query(() =>
                  payments.updateOne({ _id: paymentId }, { $set: { checkoutRef, checkoutUrl } }).exec()
                )
              )
        ).pipe(Effect.asVoid),
      attachGatewayPaymentId: (paymentId, gatewayPaymentId) =>
        Effect.flatMap(byId(paymentId), (payment) =>
          Option.isNone(payment)
            ? Effect.void
            : Effect.andThen(attachRef(paymentId, payment.value.gateway, "payment", gatewayPaymentId), () =>
                query(() => payments.updateOne({ _id: paymentId }, { $set: { gatewayPaymentId } }).exec())
              )
        ).pipe(Effect.asVoid),
      // A projection write: not atomic on FerretDB, and it need not be. The log decides; a lagging
      // projection is rewritten by the next transition or the sweeper.
      project: (paymentId, status, version) =>
        Effect.asVoid(
          query(() =>
            payments
              .updateOne({ _id: paymentId, version: { $lt: version } }, { $set: { status, version } })
              .exec()
          )
        ),
      listByStatus: (statuses, createdBefore, limit) =>
        query(() =>
          payments
            .find({ status: { $in: [...statuses] }, createdAt: { $lte: createdBefore } })
            .sort({ createdAt: 1 })
            .limit(limit)
            .lean<Array<Record<string, unknown>>>()
            .exec()
        ).pipe(Effect.map((docs) => docs.map(decode)))
    })
  })
)
