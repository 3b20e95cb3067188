import { MongoClient } from "mongodb"
import { median } from "./percentiles.ts"

export const timed = async (times: number, query: () => Promise<unknown>) => {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    const begun = performance.now()
    await query()
    samples.push(performance.now() - begun)
  }
  return median(samples)
}

/**
 * What a verification reads besides the certificate: its audit history, by subject fields, against a
 * read of one audit entry by _id, at the current size of the audit log.
 */
export const auditHistoryTimings = async (mongodbUri: string, certificateId: string) => {
  const client = await MongoClient.connect(mongodbUri)
  try {
    const audit = client.db().collection<{ _id: string }>("audit_log")
    const count = await audit.countDocuments()
    const first = await audit.findOne({ "subject.id": certificateId })
    const bySubject = await timed(10, () =>
      audit.find({ "subject.type": "certificate", "subject.id": certificateId }).toArray()
    )
    const byId = await timed(10, () => audit.findOne({ _id: first?._id ?? "none" }))
    return { entries: count, bySubjectMillis: bySubject, byIdMillis: byId }
  } finally {
    await client.close()
  }
}
