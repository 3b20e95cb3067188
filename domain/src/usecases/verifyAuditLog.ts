import { Effect, Option, Schema } from "effect"
import { type ChainReport, verifyChain } from "../audit/AuditChain.ts"
import type { AuditEntry, SubjectRef } from "../model/AuditEntry.ts"
import { CertificateId, EntitlementId, PaymentId } from "../model/Ids.ts"
import { AuditLog } from "../ports/AuditLog.ts"
import { Certificates } from "../ports/Certificates.ts"
import { Entitlements } from "../ports/Entitlements.ts"
import { Payments } from "../ports/Payments.ts"

/** The version a subject's projection records: the chain must reach at least that far. */
const projectedVersion = (subject: SubjectRef) => {
  const version = <A extends { readonly version: number }>(found: Option.Option<A>) =>
    Option.match(found, { onNone: () => undefined, onSome: (doc) => doc.version })
  switch (subject.type) {
    case "payment":
      return Effect.map(
        Payments.use((p) => p.find(Schema.decodeUnknownSync(PaymentId)(subject.id))),
        version
      )
    case "entitlement":
      return Effect.map(
        Entitlements.use((e) => e.find(Schema.decodeUnknownSync(EntitlementId)(subject.id))),
        version
      )
    case "certificate":
      return Effect.map(
        Certificates.use((c) => c.find(Schema.decodeUnknownSync(CertificateId)(subject.id))),
        version
      )
  }
}

/** Checks every subject's hash chain, a page at a time; returns only the subjects with breaks. */
export const verifyAuditLog = Effect.fn("verifyAuditLog")(function* (pageSize = 500) {
  const log = yield* AuditLog
  const broken: Array<ChainReport> = []
  let subjects = 0
  let entries = 0
  const check = Effect.fnUntraced(function* (group: ReadonlyArray<AuditEntry>) {
    const first = group[0]
    if (first === undefined) return
    subjects++
    entries += group.length
    const report = yield* verifyChain(
      `${first.subject.type}:${first.subject.id}`,
      group,
      yield* projectedVersion(first.subject)
    )
    if (report.breaks.length > 0) broken.push(report)
  })
  let group: Array<AuditEntry> = []
  let cursor: string | undefined
  do {
    const page = yield* log.scan(cursor, pageSize)
    for (const entry of page.entries) {
      const last = group.at(-1)
      if (last && (last.subject.type !== entry.subject.type || last.subject.id !== entry.subject.id)) {
        yield* check(group)
        group = []
      }
      group.push(entry)
    }
    cursor = page.next
  } while (cursor !== undefined)
  yield* check(group)
  return { subjects, entries, broken }
})
