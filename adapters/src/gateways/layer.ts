import { type Gateway, PaymentGateways, PaymentUnavailable } from "@certify/domain"
import { Effect, Layer } from "effect"
import type { GatewayConfig } from "./config/GatewayConfig.ts"
import { makeRazorpayAdapter } from "./razorpay/razorpayAdapter.ts"
import type { GatewayAdapter } from "./shared/GatewayAdapter.ts"
import { makeStripeAdapter } from "./stripe/stripeAdapter.ts"

/** The configured gateways' adapters, in the order the learner is offered them. */
export const makeGatewayAdapters = (config: GatewayConfig): ReadonlyArray<GatewayAdapter> => [
  ...(config.stripe ? [makeStripeAdapter(config.stripe, config.resilience, config.publicBaseUrl)] : []),
  ...(config.razorpay ? [makeRazorpayAdapter(config.razorpay, config.resilience, config.publicBaseUrl)] : [])
]

/**
 * The `PaymentGateways` port over adapters. Every failure of a call (after its retries, or refused by
 * an open circuit) is `PaymentUnavailable` with a reason a learner may read; the cause stays in the span.
 */
export const makePaymentGateways = (adapters: ReadonlyArray<GatewayAdapter>): PaymentGateways["Service"] => {
  const byGateway = new Map(adapters.map((adapter) => [adapter.gateway, adapter]))
  const run = <A>(gateway: Gateway, call: (adapter: GatewayAdapter) => Promise<A>) => {
    const adapter = byGateway.get(gateway)
    if (adapter === undefined)
      return Effect.fail(new PaymentUnavailable({ gateway, reason: "gateway not configured" }))
    return Effect.tryPromise({
      try: () => call(adapter),
      catch: (error) => new PaymentUnavailable({ gateway, reason: adapter.policy.explain(error) })
    }).pipe(Effect.withSpan(`PaymentGateways.${gateway}`))
  }
  return PaymentGateways.of({
    status: Effect.sync(() =>
      adapters.map((adapter) => {
        const { available, reason } = adapter.policy.availability()
        return available
          ? { gateway: adapter.gateway, available }
          : {
              gateway: adapter.gateway,
              available,
              reason: `payment unavailable: ${reason ?? "gateway outage"}`
            }
      })
    ),
    createCheckout: (request) => run(request.gateway, (adapter) => adapter.createCheckout(request)),
    fetchPayment: (gateway, reference) => run(gateway, (adapter) => adapter.fetchPayment(reference)),
    listPayments: (gateway, window, cursor) =>
      run(gateway, (adapter) => adapter.listPayments(window, cursor)),
    refund: (gateway, reference) => run(gateway, (adapter) => adapter.refund(reference))
  })
}

/** The live gateways: the official Stripe and Razorpay SDKs, each behind its own timeout/retry/breaker policy. */
export const layerPaymentGateways = (config: GatewayConfig): Layer.Layer<PaymentGateways> =>
  Layer.sync(PaymentGateways, () => makePaymentGateways(makeGatewayAdapters(config)))
