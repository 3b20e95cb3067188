import { Effect, Layer, Option } from "effect"
import { inboxKey } from "../../model/GatewayEvent.ts"
import { GatewayEventInbox, InboxRecord } from "../../ports/GatewayEventInbox.ts"

export const layerMemory = Layer.sync(GatewayEventInbox, () => {
  const records = new Map<string, InboxRecord>()
  const update = (key: string, patch: (record: InboxRecord) => Partial<InboxRecord>) =>
    Effect.sync(() => {
      const current = records.get(key)
      if (current) records.set(key, new InboxRecord({ ...current, ...patch(current) }))
    })
  return GatewayEventInbox.of({
    record: (record) =>
      Effect.sync(() => {
        const key = inboxKey(record.gateway, record.eventId)
        if (records.has(key)) return "duplicate" as const
        records.set(key, record)
        return "recorded" as const
      }),
    get: (gateway, eventId) =>
      Effect.sync(() => Option.fromUndefinedOr(records.get(inboxKey(gateway, eventId)))),
    markProcessed: (gateway, eventId, outcome, at) =>
      update(inboxKey(gateway, eventId), (r) =>
        r.processedAt ? {} : { processedAt: at, outcome, attempts: r.attempts + 1 }
      ),
    markFailed: (gateway, eventId, error, _at) =>
      update(inboxKey(gateway, eventId), (r) => ({ attempts: r.attempts + 1, lastError: error })),
    listUnprocessed: (receivedBefore, limit) =>
      Effect.sync(() =>
        [...records.values()]
          .filter((r) => r.processedAt === undefined && r.receivedAt < receivedBefore)
          .slice(0, limit)
      )
  })
})
