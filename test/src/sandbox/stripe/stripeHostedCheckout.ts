import { amountLabel, checkoutPage } from "../http/checkoutPage.ts"
import type { StripeState } from "./stripeState.ts"

export type PageAnswer = { readonly html: string } | { readonly redirect: string }

/** Stripe's hosted Checkout page: Pay goes to success_url, Cancel to cancel_url, Decline stays to retry. */
export const stripeHostedCheckout = (state: StripeState) => {
  const page = (sessionId: string, notice?: { id: string; text: string }): PageAnswer => {
    const session = state.sessions.get(sessionId)
    if (session === undefined)
      return {
        html: checkoutPage({
          title: "Stripe Checkout",
          amountLabel: "",
          description: "",
          action: "",
          closed: "No such checkout session."
        })
      }
    return {
      html: checkoutPage({
        title: "Stripe Checkout (sandbox)",
        amountLabel: amountLabel(session.amount_total, session.currency),
        description: String(session.customer_email ?? ""),
        action: `/stripe/checkout/${encodeURIComponent(sessionId)}`,
        ...(notice ? { notice } : {}),
        ...(session.status === "open"
          ? {}
          : { closed: `This checkout session is ${String(session.status)}.` })
      })
    }
  }
  return {
    page,
    act: (sessionId: string, action: string): PageAnswer => {
      const session = state.sessions.get(sessionId)
      if (session === undefined || session.status !== "open") return page(sessionId)
      if (action === "pay") {
        state.pay(sessionId)
        return { redirect: String(session.success_url).replace("{CHECKOUT_SESSION_ID}", sessionId) }
      }
      if (action === "decline") {
        state.decline(sessionId)
        return page(sessionId, {
          id: "payment-declined",
          text: "Your card was declined. Try again or cancel."
        })
      }
      return { redirect: String(session.cancel_url) }
    }
  }
}
