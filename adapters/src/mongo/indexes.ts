import type { Connection } from "mongoose"
import { requiredUniqueIndexes } from "./collections/index.ts"

/** One awaited call per model; mongoose creates that model's indexes one at a time, so errors surface. */
export const ensureIndexes = async (connection: Connection) => {
  for (const model of Object.values(connection.models)) {
    await model.createCollection().catch(() => undefined)
    await model.createIndexes()
  }
}

const sameKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  JSON.stringify(Object.entries(a)) === JSON.stringify(Object.entries(b))

/** Every unique index the design relies on, present and unique. Returns what is missing, readably. */
export const verifyUniqueIndexes = async (connection: Connection): Promise<ReadonlyArray<string>> => {
  const missing: Array<string> = []
  for (const { collection, key } of requiredUniqueIndexes) {
    const indexes = await connection.db
      ?.collection(collection)
      .listIndexes()
      .toArray()
      .catch(() => [])
    const found = (indexes ?? []).some(
      (index) => index.unique === true && sameKey(index.key as Record<string, unknown>, key)
    )
    if (!found) missing.push(`${collection} unique on ${JSON.stringify(key)}`)
  }
  return missing
}
