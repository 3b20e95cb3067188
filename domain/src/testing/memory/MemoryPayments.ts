import { Effect, Layer, Option } from "effect"
import { Payment } from "../../model/Payment.ts"
import { Payments } from "../../ports/Payments.ts"

export const layerMemory = Layer.sync(Payments, () => {
  const byId = new Map<string, Payment>()
  const update = (paymentId: string, patch: Partial<Payment>) =>
    Effect.sync(() => {
      const current = byId.get(paymentId)
      if (current) byId.set(paymentId, new Payment({ ...current, ...patch }))
    })
  const findBy = (predicate: (payment: Payment) => boolean) =>
    Effect.sync(() => Option.fromUndefinedOr([...byId.values()].find(predicate)))
  const ownedByAnother = (paymentId: string, holds: (payment: Payment) => boolean) => {
    const gateway = byId.get(paymentId)?.gateway
    return [...byId.values()].some((p) => p.paymentId !== paymentId && p.gateway === gateway && holds(p))
  }
  return Payments.of({
    insert: (payment) =>
      Effect.sync(() => {
        if (byId.has(payment.paymentId)) return "exists" as const
        byId.set(payment.paymentId, payment)
        return "inserted" as const
      }),
    find: (paymentId) => Effect.sync(() => Option.fromUndefinedOr(byId.get(paymentId))),
    findByCheckoutRef: (gateway, ref) => findBy((p) => p.gateway === gateway && p.checkoutRef === ref),
    findByGatewayPaymentId: (gateway, id) =>
      findBy((p) => p.gateway === gateway && p.gatewayPaymentId === id),
    listByIntent: (intentId) =>
      Effect.sync(() =>
        [...byId.values()].filter((p) => p.intentId === intentId).sort((a, b) => a.attempt - b.attempt)
      ),
    // A reference another payment of the same gateway owns is not written (a no-op), as in the database.
    attachCheckout: (paymentId, checkoutRef, checkoutUrl) =>
      Effect.suspend(() =>
        ownedByAnother(paymentId, (p) => p.checkoutRef === checkoutRef)
          ? Effect.void
          : update(paymentId, { checkoutRef, checkoutUrl })
      ),
    attachGatewayPaymentId: (paymentId, gatewayPaymentId) =>
      Effect.suspend(() =>
        ownedByAnother(paymentId, (p) => p.gatewayPaymentId === gatewayPaymentId)
          ? Effect.void
          : update(paymentId, { gatewayPaymentId })
      ),
    project: (paymentId, status, version) =>
      Effect.suspend(() => {
        const current = byId.get(paymentId)
        return current && current.version < version ? update(paymentId, { status, version }) : Effect.void
      }),
    listByStatus: (statuses, createdBefore, limit, createdAfter) =>
      Effect.sync(() =>
        [...byId.values()]
          .filter(
            (p) =>
              statuses.includes(p.status) &&
              p.createdAt <= createdBefore &&
              (createdAfter === undefined || p.createdAt > createdAfter)
          )
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
          .slice(0, limit)
      )
  })
})
