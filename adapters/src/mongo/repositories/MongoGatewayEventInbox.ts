import { GatewayEventInbox, InboxRecord, inboxKey } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"

const decodeRecord = decodeDocument(InboxRecord, "gateway_event_inbox")

// Header names may contain "." or start with "$", which FerretDB refuses as keys: store them as pairs.
const encode = (record: InboxRecord) => ({
  ...encodeDocument(InboxRecord, record, inboxKey(record.gateway, record.eventId)),
  headers: Object.entries(record.headers).map(([name, value]) => ({ name, value }))
})
const decode = (doc: Record<string, unknown>) => {
  const pairs = Array.isArray(doc.headers) ? (doc.headers as Array<{ name: string; value: string }>) : []
  return decodeRecord({ ...doc, headers: Object.fromEntries(pairs.map(({ name, value }) => [name, value])) })
}

export const layer = Layer.effect(
  GatewayEventInbox,
  Effect.gen(function* () {
    const { InboxRecord: inbox } = yield* modelsOf("InboxRecord")
    return GatewayEventInbox.of({
      record: (record) =>
        Effect.map(insertUnique(inbox, encode(record)), (inserted) => (inserted ? "recorded" : "duplicate")),
      get: (gateway, eventId) =>
        query(() => inbox.findById(inboxKey(gateway, eventId)).lean<Record<string, unknown>>().exec()).pipe(
          Effect.map((doc) => (doc ? Option.some(decode(doc)) : Option.none()))
        ),
      // Processing is idempotent, so two workers marking the same event is harmless.
      markProcessed: (gateway, eventId, outcome, at) =>
        Effect.asVoid(
          query(() =>
            inbox
              .updateOne(
                { _id: inboxKey(gateway, eventId), processedAt: { $exists: false } },
                { $set: { processedAt: at, outcome }, $inc: { attempts: 1 } }
              )
              .exec()
          )
        ),
      markFailed: (gateway, eventId, error) =>
        Effect.asVoid(
          query(() =>
            inbox
              .updateOne(
                { _id: inboxKey(gateway, eventId) },
                { $set: { lastError: error }, $inc: { attempts: 1 } }
              )
              .exec()
          )
        ),
      listUnprocessed: (receivedBefore, limit) =>
        query(() =>
          inbox
            .find({ processedAt: { $exists: false }, receivedAt: { $lte: receivedBefore } })
            .sort({ receivedAt: 1 })
            .limit(limit)
            .lean<Array<Record<string, unknown>>>()
            .exec()
        ).pipe(Effect.map((docs) => docs.map(decode)))
    })
  })
)
