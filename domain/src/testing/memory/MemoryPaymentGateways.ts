import { Context, Effect, Layer } from "effect"
import { PaymentUnavailable } from "../../errors/PurchaseErrors.ts"
import type { Gateway } from "../../model/Gateway.ts"
import { CheckoutSession, type GatewayPaymentSnapshot, PaymentGateways } from "../../ports/PaymentGateways.ts"

/** Test controls: take a gateway down, add what the gateway "knows" for reconciliation. */
export class GatewayControls extends Context.Service<
  GatewayControls,
  {
    readonly setOutage: (gateway: Gateway, down: boolean) => Effect.Effect<void>
    readonly setSnapshots: (snapshots: ReadonlyArray<GatewayPaymentSnapshot>) => Effect.Effect<void>
    readonly checkoutsCreated: Effect.Effect<number>
  }
>()("certify/domain/testing/GatewayControls") {}

/** Idempotent per payment id, as the real gateways are per idempotency key. */
export const layerMemory = Layer.effectContext(
  Effect.sync(() => {
    const down = new Set<Gateway>()
    const sessions = new Map<string, CheckoutSession>()
    let snapshots: ReadonlyArray<GatewayPaymentSnapshot> = []
    const available = (gateway: Gateway) =>
      down.has(gateway)
        ? Effect.fail(new PaymentUnavailable({ gateway, reason: "gateway outage" }))
        : Effect.void
    const gateways = PaymentGateways.of({
      status: Effect.sync(() =>
        (["stripe", "razorpay"] as const).map((gateway) =>
          down.has(gateway)
            ? { gateway, available: false, reason: "gateway outage" }
            : { gateway, available: true }
        )
      ),
      createCheckout: (request) =>
        Effect.andThen(available(request.gateway), () =>
          Effect.sync(() => {
            const existing = sessions.get(request.paymentId)
            if (existing) return existing
            const checkoutRef = `${request.gateway === "stripe" ? "cs" : "order"}_${request.paymentId}`
            const session = new CheckoutSession({ checkoutRef, url: `https://pay.test/${checkoutRef}` })
            sessions.set(request.paymentId, session)
            return session
          })
        ),
      fetchPayment: (gateway, reference) =>
        Effect.andThen(available(gateway), () =>
          Effect.sync(() =>
            snapshots.filter(
              (s) =>
                s.gateway === gateway &&
                ((reference.paymentId !== undefined && s.paymentId === reference.paymentId) ||
                  (reference.checkoutRef !== undefined && s.checkoutRef === reference.checkoutRef))
            )
          )
        ),
      listPayments: (gateway, window) =>
        Effect.andThen(available(gateway), () =>
          Effect.sync(() => ({
            items: snapshots.filter(
              (s) => s.gateway === gateway && s.observedAt >= window.from && s.observedAt <= window.to
            ),
            next: undefined
          }))
        ),
      refund: (gateway) => available(gateway)
    })
    return Context.make(PaymentGateways, gateways).pipe(
      Context.add(
        GatewayControls,
        GatewayControls.of({
          setOutage: (gateway, isDown) =>
            Effect.sync(() => void (isDown ? down.add(gateway) : down.delete(gateway))),
          setSnapshots: (next) =>
            Effect.sync(() => {
              snapshots = next
            }),
          checkoutsCreated: Effect.sync(() => sessions.size)
        })
      )
    )
  })
)
