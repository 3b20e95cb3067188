import type { IncomingMessage, ServerResponse } from "node:http"
import { readBody, sendHtml } from "../http/httpTools.ts"
import type { MakeId } from "../http/random.ts"
import type { WebhookDelivery } from "../webhookDelivery.ts"
import { makeRazorpayApi } from "./razorpayApi.ts"
import { razorpayCheckoutScript, razorpayHostedCheckout } from "./razorpayHostedCheckout.ts"
import { makeRazorpayState } from "./razorpayState.ts"

export interface RazorpaySideDeps {
  readonly makeId: MakeId
  readonly nowSeconds: () => number
  readonly keyId: string
  readonly keySecret: string
  readonly delivery: WebhookDelivery
}

const ACCOUNT_ID = "acc_SandboxAccount01"

/** Razorpay's API, Checkout (script and page) and signed webhooks, over one state. */
export const makeRazorpaySide = ({ makeId, nowSeconds, keyId, keySecret, delivery }: RazorpaySideDeps) => {
  const state = makeRazorpayState({
    makeId,
    nowSeconds,
    emit: (event, entities) => {
      const payload = Object.fromEntries(
        Object.entries(entities).map(([name, entity]) => [name, { entity: structuredClone(entity) }])
      )
      const body = {
        entity: "event",
        account_id: ACCOUNT_ID,
        event,
        contains: Object.keys(entities),
        payload,
        created_at: nowSeconds()
      }
      delivery.emit("razorpay", makeId(""), event, JSON.stringify(body))
    }
  })
  const api = makeRazorpayApi({ state, keyId, keySecret })
  const hosted = razorpayHostedCheckout(state, keySecret)
  return {
    state,
    api,
    script: (response: ServerResponse, origin: string) => {
      const script = razorpayCheckoutScript(origin)
      response.writeHead(200, {
        "content-type": "application/javascript; charset=utf-8",
        "cache-control": "no-store"
      })
      response.end(script)
    },
    page: async (
      request: IncomingMessage,
      response: ServerResponse,
      rest: string,
      query: URLSearchParams
    ) => {
      const [orderId = "", action] = rest.split("/").map(decodeURIComponent)
      if (request.method === "POST" && action !== undefined) {
        const form = new URLSearchParams(await readBody(request))
        return sendHtml(response, 200, hosted.act(orderId, action, form).html)
      }
      if (query.get("key_id") !== keyId)
        return sendHtml(response, 400, `<p id="checkout-closed">Unknown key_id.</p>`)
      return sendHtml(response, 200, hosted.page(orderId, query).html)
    }
  }
}
