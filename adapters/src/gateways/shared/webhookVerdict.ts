import type { GatewayEvent, GatewayEventId } from "@certify/domain"

/** Why a delivery was refused: short, stable words for the response, the log and the metric label. */
export type WebhookRejection =
  | "missing_signature"
  | "malformed_signature"
  | "signature_mismatch"
  | "stale_timestamp"
  | "future_timestamp"
  | "malformed_payload"
  | "missing_event_id"
  | "gateway_not_configured"

export type WebhookVerdict =
  | {
      readonly _tag: "Verified"
      readonly eventId: GatewayEventId
      readonly gatewayType: string
      /** `undefined`: signed by the gateway but not in a shape we can normalize; stored all the same. */
      readonly event: GatewayEvent | undefined
    }
  | { readonly _tag: "Rejected"; readonly reason: WebhookRejection; readonly detail: string }

export const rejected = (reason: WebhookRejection, detail: string): WebhookVerdict => ({
  _tag: "Rejected",
  reason,
  detail
})
