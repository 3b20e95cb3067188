import { MongoClient, MongoServerError } from "mongodb"

/**
 * The database's own unique-insert rate for a document: `count` insertOne calls (every fifth repeats an
 * earlier key, as the webhook mix does), `concurrency` in flight, into a fresh collection with a unique
 * index on (gateway, eventId). No schema, no verification, no queue: the ceiling for the inbox insert.
 */
export const rawInsertRate = async (
  mongodbUri: string,
  template: Record<string, unknown>,
  options: { readonly count: number; readonly concurrency: number }
) => {
  const client = await MongoClient.connect(mongodbUri)
  try {
    const collection = client.db().collection<{ _id: string }>(`bench_raw_inbox_${Date.now()}`)
    await collection.createIndex({ gateway: 1, eventId: 1 }, { unique: true, name: "inbox_event_unique" })
    const rawBody = String(template.rawBody ?? "")
    const documentFor = (index: number) => {
      const key = index % 5 === 4 ? Math.floor(index / 2) : index
      const eventId = `evt_raw_${key}`
      return {
        ...template,
        _id: `stripe:${eventId}`,
        eventId,
        rawBody: rawBody.replace(/evt_[A-Za-z0-9_]+/, eventId)
      }
    }
    let next = 0
    let duplicates = 0
    let busy = 0
    const begun = performance.now()
    const inserter = async () => {
      while (next < options.count) {
        const index = next++
        for (;;) {
          try {
            await collection.insertOne(documentFor(index))
          } catch (error) {
            if (error instanceof MongoServerError && error.code === 11000) duplicates++
            // FerretDB's SQLite answers "database is locked" to a writer that meets another: retry, and count it.
            else if (error instanceof MongoServerError && /SQLITE_BUSY/.test(error.message)) {
              busy++
              continue
            } else throw error
          }
          break
        }
      }
    }
    await Promise.all(Array.from({ length: options.concurrency }, inserter))
    const millis = performance.now() - begun
    await collection.drop()
    return { perSecond: (options.count / millis) * 1000, duplicates, busy }
  } finally {
    await client.close()
  }
}
