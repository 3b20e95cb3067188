import { MongoClient } from "mongodb"

/** Documents per collection in the stack's database: the difference over a run is what it wrote. */
export const documentCounts = async (mongodbUri: string): Promise<Record<string, number>> => {
  const client = await MongoClient.connect(mongodbUri)
  try {
    const db = client.db()
    const counts: Record<string, number> = {}
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray())
      counts[name] = await db.collection(name).countDocuments()
    return counts
  } finally {
    await client.close()
  }
}

export const documentsAdded = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([name, count]): [string, number] => [name, count - (before[name] ?? 0)])
      .filter(([, added]) => added > 0)
  )
