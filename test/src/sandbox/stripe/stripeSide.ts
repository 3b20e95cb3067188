import type { IncomingMessage, ServerResponse } from "node:http"
import { parseBody, readBody, redirect, sendHtml } from "../http/httpTools.ts"
import type { MakeId } from "../http/random.ts"
import type { WebhookDelivery } from "../webhookDelivery.ts"
import { makeStripeApi } from "./stripeApi.ts"
import { stripeHostedCheckout } from "./stripeHostedCheckout.ts"
import { stripeEvent } from "./stripeObjects.ts"
import { makeStripeState } from "./stripeState.ts"

export interface StripeSideDeps {
  readonly makeId: MakeId
  readonly nowSeconds: () => number
  readonly secretKey: string
  readonly origin: () => string
  readonly delivery: WebhookDelivery
}

/** Stripe's API, hosted Checkout page and signed events, over one state. */
export const makeStripeSide = ({ makeId, nowSeconds, secretKey, origin, delivery }: StripeSideDeps) => {
  const state = makeStripeState({
    makeId,
    nowSeconds,
    emit: (type, object) => {
      // The snapshot is taken now: a later change must not show in an earlier event.
      const event = stripeEvent(makeId, type, structuredClone(object), nowSeconds())
      delivery.emit("stripe", event.id, type, JSON.stringify(event, null, 2))
    }
  })
  const api = makeStripeApi({
    state,
    makeId,
    secretKey,
    nowSeconds,
    checkoutUrl: (id) => `${origin()}/stripe/checkout/${id}`
  })
  const hosted = stripeHostedCheckout(state)
  return {
    state,
    api,
    page: async (request: IncomingMessage, response: ServerResponse, rest: string) => {
      const [sessionId = "", action] = rest.split("/").map(decodeURIComponent)
      if (request.method === "POST" && action !== undefined) {
        parseBody(await readBody(request), request.headers["content-type"])
        const answer = hosted.act(sessionId, action)
        return "redirect" in answer
          ? redirect(response, answer.redirect)
          : sendHtml(response, 200, answer.html)
      }
      const answer = hosted.page(sessionId)
      return "redirect" in answer ? redirect(response, answer.redirect) : sendHtml(response, 200, answer.html)
    }
  }
}
