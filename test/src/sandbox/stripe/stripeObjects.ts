import Stripe from "stripe"
import type { MakeId } from "../http/random.ts"

export type StripeObject = Record<string, unknown>

/** The event envelope Stripe posts, per its documented `Event` object. */
export const stripeEvent = (makeId: MakeId, type: string, object: StripeObject, nowSeconds: number) => ({
  id: makeId("evt_test_", 24),
  object: "event",
  api_version: Stripe.API_VERSION,
  created: nowSeconds,
  data: { object },
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  type
})

export const stripeError = (
  status: number,
  type: string,
  message: string,
  code?: string,
  param?: string
) => ({
  status,
  body: { error: { type, message, ...(code ? { code } : {}), ...(param ? { param } : {}) } }
})

export const missing = (kind: string, id: string) =>
  stripeError(404, "invalid_request_error", `No such ${kind}: '${id}'`, "resource_missing", "id")

/** `expand[]` paths, resolved by id prefix the way Stripe expands references. */
export const expandPaths = (
  object: StripeObject,
  paths: ReadonlyArray<string>,
  resolve: (id: string) => StripeObject | undefined
): StripeObject => {
  const copy = structuredClone(object)
  for (const path of paths) {
    let node: StripeObject | undefined = copy
    for (const field of path.split(".")) {
      if (node === undefined) break
      const value: unknown = node[field]
      if (typeof value === "string") {
        const found = resolve(value)
        if (found === undefined) break
        node[field] = structuredClone(found)
      }
      const next: unknown = node[field]
      node =
        typeof next === "object" && next !== null && !Array.isArray(next) ? (next as StripeObject) : undefined
    }
  }
  return copy
}
