import type { SandboxGateway } from "./SandboxControls.ts"

/** Delivery faults, per gateway. Rates are probabilities from 0 to 1, drawn from the seeded generator. */
export interface WebhookFaults {
  /** Chance that a delivery is duplicated: sent `duplicateCopies` times (same event id, same body). */
  readonly duplicateRate: number
  /** How many times a duplicated delivery is sent in all (default 3: the original and two copies). */
  readonly duplicateCopies: number
  /** Chance that an event is never sent (only reconciliation, or `redeliver`, can find it). */
  readonly dropRate: number
  /** Fixed delay before each delivery. */
  readonly delayMs: number
  /** Extra random delay up to this many ms per delivery, so events of one burst arrive out of order. */
  readonly reorderWindowMs: number
}

export const noFaults: WebhookFaults = {
  duplicateRate: 0,
  duplicateCopies: 3,
  dropRate: 0,
  delayMs: 0,
  reorderWindowMs: 0
}

/** The order held deliveries are released in: as emitted, or newest first. */
export type ReleaseOrder = "emitted" | "reverse"

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
const MAX_COPIES = 20

interface Held {
  readonly record: DeliveryRecord
  readonly copies: number
}

/** Sends signed events to the app like the gateways do: at least once, retried on failure, maybe faulty. */
export const makeWebhookDelivery = (random: () => number, targets: Record<SandboxGateway, Target>) => {
  const faults: Record<SandboxGateway, WebhookFaults> = { stripe: noFaults, razorpay: noFaults }
  const log: Array<DeliveryRecord> = []
  // While a gateway is held, its deliveries wait here, so a test can release them in a chosen order.
  const held: Record<SandboxGateway, Array<Held> | undefined> = { stripe: undefined, razorpay: undefined }
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
      const copies = next.duplicateCopies
      if (copies !== undefined && (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES))
        throw new Error(`duplicateCopies must be an integer from 1 to ${MAX_COPIES}, got ${copies}`)
      faults[gateway] = { ...faults[gateway], ...next }
    },
    /** From now on, keeps the gateway's deliveries (after the drop and duplicate draws) until `release`. */
    hold: (gateway: SandboxGateway) => {
      held[gateway] ??= []
    },
    /**
     * Sends what was held, one event at a time in the chosen order, each after the previous one was
     * answered and `gapMs` later (so the app has processed it), then stops holding. Returns how many.
     */
    release: (gateway: SandboxGateway, order: ReleaseOrder, gapMs = 0) => {
      const waiting = held[gateway] ?? []
      held[gateway] = undefined
      const sequence = order === "reverse" ? [...waiting].reverse() : waiting
      track(
        (async () => {
          for (const [index, { record, copies }] of sequence.entries()) {
            if (index > 0 && gapMs > 0) await sleep(gapMs)
            for (let copy = 0; copy < copies && !closed; copy++) await post(record)
          }
        })()
      )
      return sequence.length
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
      const copies = duplicateDraw < f.duplicateRate ? f.duplicateCopies : 1
      const waiting = held[gateway]
      if (waiting !== undefined) return void waiting.push({ record, copies })
      schedule(record, copies, f.delayMs + Math.floor(reorderDraw * f.reorderWindowMs))
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
