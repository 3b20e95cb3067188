import { AuditEntry, AuditLog, AuditSequenceTaken, auditKey } from "@certify/domain"
import { Effect, Layer } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"
import { makeSubjectLog } from "./SubjectLog.ts"

const decode = decodeDocument(AuditEntry, "audit_log")

/** Append-only: this adapter has no update or delete. The insert at (subject, seq) is the transition. */
export const layer = Layer.effect(
  AuditLog,
  Effect.gen(function* () {
    const { AuditEntry: entries } = yield* modelsOf("AuditEntry")
    const subjectLog = yield* makeSubjectLog
    return AuditLog.of({
      append: (entry) =>
        Effect.flatMap(
          insertUnique(entries, encodeDocument(AuditEntry, entry, auditKey(entry.subject, entry.seq))),
          (inserted) =>
            inserted
              ? Effect.void
              : Effect.fail(new AuditSequenceTaken({ subjectId: entry.subject.id, seq: entry.seq }))
        ),
      // Past a gap too, like the in-memory log: a deleted entry must show as a hole in the chain,
      // not as the end of the subject's history.
      history: subjectLog.history,
      scan: (after, limit) =>
        query(() =>
          entries
            .find(after === undefined ? {} : { _id: { $gt: after } })
            .sort({ _id: 1 })
            .limit(limit + 1)
            .lean<Array<Record<string, unknown>>>()
            .exec()
        ).pipe(
          Effect.map((docs) => {
            const page = docs.slice(0, limit)
            return {
              entries: page.map(decode),
              next: docs.length > limit ? String(page.at(-1)?._id) : undefined
            }
          })
        )
    })
  })
)
