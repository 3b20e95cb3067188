import { Effect } from "effect"
import { type ChainReport, verifyChain } from "../audit/AuditChain.ts"
import type { AuditEntry } from "../model/AuditEntry.ts"
import { AuditLog } from "../ports/AuditLog.ts"
import { recordedVersion } from "./verifySubjectChain.ts"

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
      yield* recordedVersion(first.subject)
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
