import {
  type Gateway,
  GatewayEvent,
  type GatewayEventId,
  type GatewayEventKind,
  inboxKey,
  type Money
} from "@certify/domain"
import { referenceOf } from "./values.ts"

/** What a gateway-specific mapper reads from one documented webhook payload. */
export interface MappedEvent {
  readonly kind: GatewayEventKind
  readonly reference: Parameters<typeof referenceOf>[0]
  readonly amount?: Money | undefined
}

/**
 * The domain's normalized event from a mapped payload; `undefined` when it does not decode. A payment
 * we cannot check the amount of is never reported as paid (a person looks at it instead).
 */
export const gatewayEventOf = (
  gateway: Gateway,
  eventId: GatewayEventId,
  gatewayType: string,
  createdSeconds: number,
  mapped: MappedEvent
): GatewayEvent | undefined => {
  if (mapped.kind === "payment_succeeded" && mapped.amount === undefined) return undefined
  try {
    return new GatewayEvent({
      eventId,
      gateway,
      kind: mapped.kind,
      gatewayType,
      reference: referenceOf(mapped.reference),
      ...(mapped.amount === undefined ? {} : { amount: mapped.amount }),
      occurredAt: new Date(createdSeconds * 1000),
      rawPayloadRef: inboxKey(gateway, eventId)
    })
  } catch {
    return undefined
  }
}
