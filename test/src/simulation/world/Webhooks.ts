import { type GatewayEvent, InboxRecord } from "@certify/domain"
import type { Prng } from "../model/Prng.ts"
import type { WebhookFate } from "../model/Scenario.ts"

export interface Delivery {
  readonly id: number
  readonly event: GatewayEvent
  dueAt: number
  attempts: number
}

const minute = 60_000

/**
 * The network between the gateways and our webhook endpoint. Each event the gateways send meets
 * the next fate of the scenario: delivered, dropped for good, duplicated, or delayed. Deliveries are
 * taken in a seeded order, which reorders them; one our endpoint failed is retried later, as gateways do.
 */
export class Webhooks {
  readonly pending: Array<Delivery> = []
  readonly sent: Array<GatewayEvent> = []
  dropped = 0
  private fateIndex = 0
  private ids = 0

  private readonly fates: ReadonlyArray<WebhookFate>
  private readonly prng: Prng

  constructor(fates: ReadonlyArray<WebhookFate>, prng: Prng) {
    this.fates = fates
    this.prng = prng
  }

  send(event: GatewayEvent, now: number) {
    this.sent.push(event)
    const fate = this.fates[this.fateIndex++] ?? "deliver"
    const later = () => now + minute * (1 + this.prng.int(30))
    switch (fate) {
      case "drop":
        this.dropped++
        return
      case "deliver":
        return this.enqueue(event, now)
      case "delay":
        return this.enqueue(event, later())
      case "duplicate":
        this.enqueue(event, now)
        return this.enqueue(event, later())
    }
  }

  private enqueue(event: GatewayEvent, dueAt: number) {
    this.pending.push({ id: ++this.ids, event, dueAt, attempts: 0 })
  }

  /** Removes and returns one due delivery, chosen by the seed. */
  takeDue(now: number): Delivery | undefined {
    const due = this.pending.filter((d) => d.dueAt <= now)
    const chosen = due[this.prng.int(due.length)]
    if (chosen) this.pending.splice(this.pending.indexOf(chosen), 1)
    return chosen
  }

  /** Our endpoint did not answer 2xx: the gateway tries again with backoff. */
  retry(delivery: Delivery, now: number) {
    delivery.attempts++
    delivery.dueAt = now + minute * 2 ** Math.min(delivery.attempts, 6)
    this.pending.push(delivery)
  }

  nextDueAt(): number | undefined {
    return this.pending.length === 0 ? undefined : Math.min(...this.pending.map((d) => d.dueAt))
  }
}

/** What our webhook endpoint stores after verifying the signature: the raw body and the normalized event. */
export const inboxRecordOf = (event: GatewayEvent, receivedAt: Date) =>
  new InboxRecord({
    gateway: event.gateway,
    eventId: event.eventId,
    rawBody: JSON.stringify({
      id: event.eventId,
      type: event.gatewayType,
      reference: { ...event.reference }
    }),
    headers: { "content-type": "application/json" },
    receivedAt,
    event,
    attempts: 0
  })
