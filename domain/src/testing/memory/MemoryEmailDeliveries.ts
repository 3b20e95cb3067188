import { Effect, Layer } from "effect"
import { EmailDeliveries } from "../../ports/EmailDeliveries.ts"

interface ClaimRow {
  readonly claimedAt: Date
  sent: boolean
  released: boolean
}

export const layerMemory = Layer.sync(EmailDeliveries, () => {
  const claims = new Map<string, Array<ClaimRow>>()
  return EmailDeliveries.of({
    claim: (key, now, leaseMillis) =>
      Effect.sync(() => {
        const rows = claims.get(key) ?? []
        if (rows.some((row) => row.sent)) return { _tag: "AlreadySent" } as const
        const latest = rows.at(-1)
        if (latest && !latest.released && now.getTime() - latest.claimedAt.getTime() < leaseMillis) {
          return { _tag: "InProgress", claimedAt: latest.claimedAt } as const
        }
        claims.set(key, [...rows, { claimedAt: now, sent: false, released: false }])
        return { _tag: "Claimed", generation: rows.length + 1 } as const
      }),
    wasSent: (key) => Effect.sync(() => (claims.get(key) ?? []).some((row) => row.sent)),
    markSent: (key, generation) =>
      Effect.sync(() => {
        const row = claims.get(key)?.[generation - 1]
        if (row) row.sent = true
      }),
    // A failed send releases its claim at once, so the job's retry can claim the next generation.
    markFailed: (key, generation) =>
      Effect.sync(() => {
        const row = claims.get(key)?.[generation - 1]
        if (row) row.released = true
      })
  })
})
