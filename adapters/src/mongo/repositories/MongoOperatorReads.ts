import { InboxRecord, OperatorReads, Payment } from "@certify/domain"
import { Effect, Layer } from "effect"
import { decodeDocument } from "../documents.ts"
import { modelsOf, query } from "../model.ts"

const decodePayment = decodeDocument(Payment, "payments")
const decodeRecord = decodeDocument(InboxRecord, "gateway_event_inbox")
// Headers are stored as name/value pairs (see the inbox repository); the domain wants a record.
const decodeInbox = (doc: Record<string, unknown>) => {
  const pairs = Array.isArray(doc.headers) ? (doc.headers as Array<{ name: string; value: string }>) : []
  return decodeRecord({ ...doc, headers: Object.fromEntries(pairs.map(({ name, value }) => [name, value])) })
}

export const layer = Layer.effect(
  OperatorReads,
  Effect.gen(function* () {
    const { Payment: payments, InboxRecord: inbox } = yield* modelsOf("Payment", "InboxRecord")
    const paymentsWhere = (filter: Record<string, unknown>, limit: number) =>
      query(() =>
        payments
          .find(filter)
          .sort({ createdAt: -1, _id: 1 })
          .limit(limit)
          .lean<Array<Record<string, unknown>>>()
          .exec()
      ).pipe(Effect.map((docs) => docs.map(decodePayment)))
    return OperatorReads.of({
      paymentsByLearner: (learnerId, limit) => paymentsWhere({ learnerId }, limit),
      recentPayments: (limit) => paymentsWhere({}, limit),
      inboxEventsFor: (gateway, reference, limit) => {
        const anyOf = [
          ...(reference.paymentId === undefined
            ? []
            : [{ "event.reference.paymentId": reference.paymentId }]),
          ...(reference.checkoutRef === undefined
            ? []
            : [{ "event.reference.checkoutRef": reference.checkoutRef }]),
          ...(reference.gatewayPaymentId === undefined
            ? []
            : [{ "event.reference.gatewayPaymentId": reference.gatewayPaymentId }])
        ]
        if (anyOf.length === 0) return Effect.succeed([])
        return query(() =>
          inbox
            .find({ gateway, $or: anyOf })
            .sort({ receivedAt: 1, _id: 1 })
            .limit(limit)
            .lean<Array<Record<string, unknown>>>()
            .exec()
        ).pipe(Effect.map((docs) => docs.map(decodeInbox)))
      }
    })
  })
)
