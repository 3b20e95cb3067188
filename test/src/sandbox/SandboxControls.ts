import type { DeliveryRecord, ReleaseOrder, WebhookFaults } from "./webhookDelivery.ts"

export type SandboxGateway = "stripe" | "razorpay"

/**
 * How the API of a gateway misbehaves: `error` answers 503, `refuse` drops the connection without an
 * answer, `hang` never answers (the caller's timeout fires).
 */
export type OutageMode = "off" | "error" | "refuse" | "hang"

export type DisputeOutcome = "won" | "lost"

/**
 * "Committed but the answer was lost": the API performs the write, then `error` answers 500 instead of
 * its result and `drop` closes the connection without an answer.
 */
export type LostResponseMode = "error" | "drop"

/** The gateway objects a reference (usually our payment id) has: Stripe session ids, Razorpay order ids. */
export interface CheckoutsFound {
  readonly stripe: ReadonlyArray<string>
  readonly razorpay: ReadonlyArray<string>
}

export interface PayOptions {
  /** Stripe only: settle for this amount (minor units) instead of the session's, to provoke a mismatch. */
  readonly amountMinor?: number
}

/** Drives the sandbox from tests, the dev UI and the CLI (also over HTTP at `/__sandbox/*`). */
export interface SandboxControls {
  readonly setOutage: (gateway: SandboxGateway, mode: OutageMode | boolean) => void
  readonly setWebhookFaults: (gateway: SandboxGateway, faults: Partial<WebhookFaults>) => void
  /** The next `count` API writes (POST) to the gateway are performed, then their answers are lost. */
  readonly loseResponses: (gateway: SandboxGateway, count: number, mode?: LostResponseMode) => void
  /** Holds the gateway's webhook deliveries until `releaseWebhooks`. */
  readonly holdWebhooks: (gateway: SandboxGateway) => void
  /** Sends the held deliveries one by one, `gapMs` apart, in the given order; returns how many. */
  readonly releaseWebhooks: (gateway: SandboxGateway, order: ReleaseOrder, gapMs?: number) => number
  /** Every session (Stripe) or order (Razorpay) made for a reference, e.g. our payment id in metadata. */
  readonly checkoutsFor: (paymentRef: string) => CheckoutsFound
  /**
   * A reference is a Stripe session/payment intent id, a Razorpay order/payment id, or our payment id
   * (from metadata/notes). Each action changes the gateway's state and emits its signed webhooks.
   */
  readonly pay: (paymentRef: string, options?: PayOptions) => void
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
