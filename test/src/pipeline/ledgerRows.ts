import { type Document, type Filter, MongoClient } from "mongodb"

/** Rows of one ledger collection matching a filter: for effects the ports have no count for. */
export const countRows = async (uri: string, collection: string, filter: Filter<Document>) => {
  const client = await MongoClient.connect(uri)
  try {
    return await client.db().collection(collection).countDocuments(filter)
  } finally {
    await client.close()
  }
}
