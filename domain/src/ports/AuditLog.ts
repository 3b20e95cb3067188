import { Context, type Effect } from "effect"
import type { AuditSequenceTaken } from "../errors/LedgerErrors.ts"
import type { AuditEntry, SubjectRef } from "../model/AuditEntry.ts"

/**
 * The append-only transition log, which is also the audit trail. Unique on (subject, seq):
 * the append is the serialization point of every state change. Never updated or deleted.
 */
export class AuditLog extends Context.Service<
  AuditLog,
  {
    readonly append: (entry: AuditEntry) => Effect.Effect<void, AuditSequenceTaken>
    /** A subject's entries in `seq` order, including those past a missing one (up to the subject's recorded version), so a chain check sees the hole. */
    readonly history: (subject: SubjectRef) => Effect.Effect<ReadonlyArray<AuditEntry>>
    /** Every entry in (subject, seq) order, a page at a time, for whole-log checks. */
    readonly scan: (
      after: string | undefined,
      limit: number
    ) => Effect.Effect<{ readonly entries: ReadonlyArray<AuditEntry>; readonly next: string | undefined }>
  }
>()("certify/domain/ports/AuditLog") {}

/** The key entries are ordered and paged by; zero-padded so string order is seq order. */
export const auditKey = (subject: SubjectRef, seq: number): string =>
  `${subject.type}:${subject.id}:${String(seq).padStart(8, "0")}`
