import { MongoClient } from "mongodb"

/** The ledger's collections: a rejected request must leave every one of them as it was. */
export const LEDGER_COLLECTIONS = [
  "gateway_event_inbox",
  "payments",
  "payment_refs",
  "checkout_intents",
  "audit_log",
  "entitlements",
  "certificates",
  "certificate_versions",
  "manual_reviews",
  "email_deliveries",
  "operator_actions"
] as const

export type LedgerCounts = Readonly<Record<(typeof LEDGER_COLLECTIONS)[number], number>>

/** Reads the counts straight from the database, past every port and cache of the API under test. */
export const openLedgerCounts = async (mongodbUri: string) => {
  const client = await MongoClient.connect(mongodbUri, { serverSelectionTimeoutMS: 5_000 })
  const db = client.db()
  return {
    counts: async (): Promise<LedgerCounts> => {
      const entries = await Promise.all(
        LEDGER_COLLECTIONS.map(async (name) => [name, await db.collection(name).countDocuments({})] as const)
      )
      return Object.fromEntries(entries) as LedgerCounts
    },
    db,
    close: () => client.close()
  }
}
