import { Effect, Option, Schema } from "effect"
import { Gateway } from "../../model/Gateway.ts"
import { CertificateId, LearnerId, PaymentId } from "../../model/Ids.ts"
import type { Payment } from "../../model/Payment.ts"
import { Catalog } from "../../ports/Catalog.ts"
import { Certificates } from "../../ports/Certificates.ts"
import { Entitlements } from "../../ports/Entitlements.ts"
import { OperatorReads } from "../../ports/OperatorReads.ts"
import { Payments } from "../../ports/Payments.ts"

const newestFirst = (a: Payment, b: Payment) =>
  b.createdAt.getTime() - a.createdAt.getTime() || a.paymentId.localeCompare(b.paymentId)

/**
 * An operator's search: by payment id, learner id, email, gateway reference (checkout or payment id
 * at either gateway) or certificate id. Every interpretation of the query is tried; an empty query
 * lists the newest payments.
 */
export const searchPayments = Effect.fn("operator.searchPayments")(function* (
  rawQuery: string,
  limit: number
) {
  const query = rawQuery.trim()
  const reads = yield* OperatorReads
  if (query === "") return yield* reads.recentPayments(limit)
  const payments = yield* Payments
  const found = new Map<string, Payment>()
  const add = (list: ReadonlyArray<Payment>) => {
    for (const payment of list) found.set(payment.paymentId, payment)
  }

  const paymentId = Schema.decodeUnknownOption(PaymentId)(query)
  if (Option.isSome(paymentId)) add(Option.toArray(yield* payments.find(paymentId.value)))

  const learnerId = Schema.decodeUnknownOption(LearnerId)(query)
  if (Option.isSome(learnerId)) add(yield* reads.paymentsByLearner(learnerId.value, limit))

  if (query.includes("@")) {
    const learner = yield* Catalog.use((c) => c.learnerByEmail(query))
    if (Option.isSome(learner)) add(yield* reads.paymentsByLearner(learner.value.learnerId, limit))
  }

  for (const gateway of Gateway.literals) {
    add(Option.toArray(yield* payments.findByCheckoutRef(gateway, query)))
    add(Option.toArray(yield* payments.findByGatewayPaymentId(gateway, query)))
  }

  const certificateId = Schema.decodeUnknownOption(CertificateId)(query.toUpperCase())
  if (Option.isSome(certificateId)) {
    const certificate = yield* Certificates.use((c) => c.find(certificateId.value))
    if (Option.isSome(certificate)) {
      const entitlement = yield* Entitlements.use((e) => e.find(certificate.value.entitlementId))
      if (Option.isSome(entitlement)) {
        const unlocking = yield* payments.find(entitlement.value.paymentId)
        add(Option.toArray(unlocking))
        if (Option.isSome(unlocking)) add(yield* payments.listByIntent(unlocking.value.intentId))
      }
    }
  }
  return [...found.values()].sort(newestFirst).slice(0, limit)
})
