import type { DeliveryRecord, WebhookFaults } from "./webhookDelivery.ts"

export type SandboxGateway = "stripe" | "razorpay"

/**
 * How the API of a gateway misbehaves: `error` answers 503, `refuse` drops the connection without an
 * answer, `hang` never answers (the caller's timeout fires).
 */
export type OutageMode = "off" | "error" | "refuse" | "hang"

export type DisputeOutcome = "won" | "lost"

/** Drives the sandbox from tests, the dev UI and the CLI (also over HTTP at `/__sandbox/*`). */
export interface SandboxControls {
  readonly setOutage: (gateway: SandboxGateway, mode: OutageMode | boolean) => void
  readonly setWebhookFaults: (gateway: SandboxGateway, faults: Partial<WebhookFaults>) => void
  /**
   * A reference is a Stripe session/payment intent id, a Razorpay order/payment id, or our payment id
   * (from metadata/notes). Each action changes the gateway's state and emits its signed webhooks.
   */
  readonly pay: (paymentRef: string) => void
  readonly decline: (paymentRef: string) => void
  readonly expire: (paymentRef: string) => void
  readonly refund: (paymentRef: string) => void
  readonly dispute: (paymentRef: string, outcome?: DisputeOutcome) => void
  /** Sends one event again, or every dropped one; returns how many. */
  readonly redeliver: (eventId?: string) => number
  /** Resolves once every scheduled webhook delivery has been attempted. */
  readonly webhooksSettled: () => Promise<void>
  readonly deliveries: () => ReadonlyArray<DeliveryRecord>
  /** API calls answered (or refused) so far, per gateway. */
  readonly apiCalls: (gateway?: SandboxGateway) => number
  readonly rateLimited: (gateway?: SandboxGateway) => number
  readonly resetCounters: () => void
}
