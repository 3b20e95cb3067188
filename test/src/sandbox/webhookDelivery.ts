import type { SandboxGateway } from "./SandboxControls.ts"

/** Delivery faults, per gateway. Rates are probabilities from 0 to 1, drawn from the seeded generator. */
export interface WebhookFaults {
  /** Chance that a delivery is sent twice more (same event id, same body). */
  readonly duplicateRate: number
  /** Chance that an event is never sent (only reconciliation, or `redeliver`, can find it). */
  readonly dropRate: number
  /** Fixed delay before each delivery. */
  readonly delayMs: number
  /** Extra random delay up to this many ms per delivery, so events of one burst arrive out of order. */
  readonly reorderWindowMs: number
}

export const noFaults: WebhookFaults = { duplicateRate: 0, dropRate: 0, delayMs: 0, reorderWindowMs: 0 }

export interface DeliveryRecord {
  readonly gateway: SandboxGateway
  readonly eventId: string
  readonly type: string
  readonly body: string
  /** HTTP statuses of each attempt (0: no answer). */
  readonly statuses: Array<number>
  dropped: boolean
}

interface Target {
  readonly url: string | undefined
  /** Headers are made at send time: Stripe's signature carries the sending time. */
  readonly sign: (body: string, eventId: string) => Record<string, string>
}

const RETRIES = 3

/** Sends signed events to the app like the gateways do: at least once, retried on failure, maybe faulty. */
export const makeWebhookDelivery = (random: () => number, targets: Record<SandboxGateway, Target>) => {
  const faults: Record<SandboxGateway, WebhookFaults> = { stripe: noFaults, razorpay: noFaults }
  const log: Array<DeliveryRecord> = []
  const inFlight = new Set<Promise<void>>()
  let closed = false

  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

  const post = async (record: DeliveryRecord): Promise<void> => {
    const target = targets[record.gateway]
    if (target.url === undefined) return
    for (let attempt = 0; attempt <= RETRIES && !closed; attempt++) {
      if (attempt > 0) await sleep(100 * 2 ** attempt)
      try {
        const response = await fetch(target.url, {
          method: "POST",
          headers: { "content-type": "application/json", ...target.sign(record.body, record.eventId) },
          body: record.body,
          signal: AbortSignal.timeout(10_000)
        })
        await response.arrayBuffer()
        record.statuses.push(response.status)
        if (response.ok) return
      } catch {
        record.statuses.push(0)
      }
    }
  }

  const track = (work: Promise<void>) => {
    inFlight.add(work)
    void work.finally(() => inFlight.delete(work))
  }

  const schedule = (record: DeliveryRecord, copies: number, delayMs: number) =>
    track(
      (async () => {
        if (delayMs > 0) await sleep(delayMs)
        for (let copy = 0; copy < copies && !closed; copy++) await post(record)
      })()
    )

  return {
    faults,
    log,
    setFaults: (gateway: SandboxGateway, next: Partial<WebhookFaults>) => {
      faults[gateway] = { ...faults[gateway], ...next }
    },
    emit: (gateway: SandboxGateway, eventId: string, type: string, body: string) => {
      const f = faults[gateway]
      // Every draw happens for every event, so one seed gives one schedule whatever the rates are.
      const dropDraw = random()
      const duplicateDraw = random()
      const reorderDraw = random()
      const record: DeliveryRecord = {
        gateway,
        eventId,
        type,
        body,
        statuses: [],
        dropped: dropDraw < f.dropRate
      }
      log.push(record)
      if (record.dropped) return
      schedule(
        record,
        duplicateDraw < f.duplicateRate ? 3 : 1,
        f.delayMs + Math.floor(reorderDraw * f.reorderWindowMs)
      )
    },
    /** Sends again one event, or every dropped one; returns how many were sent. */
    redeliver: (eventId?: string) => {
      const chosen = log.filter((r) => (eventId === undefined ? r.dropped : r.eventId === eventId))
      for (const record of chosen) {
        record.dropped = false
        schedule(record, 1, 0)
      }
      return chosen.length
    },
    /** Waits until every scheduled delivery has been attempted. */
    settled: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
    close: () => {
      closed = true
    }
  }
}
export type WebhookDelivery = ReturnType<typeof makeWebhookDelivery>
