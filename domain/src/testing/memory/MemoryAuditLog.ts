import { Effect, Layer } from "effect"
import { AuditSequenceTaken } from "../../errors/LedgerErrors.ts"
import type { AuditEntry } from "../../model/AuditEntry.ts"
import { AuditLog, auditKey } from "../../ports/AuditLog.ts"

/** Entries by their (subject, seq) key; the key check plays the unique index. */
export const makeMemoryAuditLog = (store = new Map<string, AuditEntry>()) =>
  AuditLog.of({
    append: (entry) =>
      Effect.suspend(() => {
        const key = auditKey(entry.subject, entry.seq)
        if (store.has(key))
          return Effect.fail(new AuditSequenceTaken({ subjectId: entry.subject.id, seq: entry.seq }))
        store.set(key, entry)
        return Effect.void
      }),
    history: (subject) =>
      Effect.sync(() =>
        [...store.values()]
          .filter((entry) => entry.subject.type === subject.type && entry.subject.id === subject.id)
          .sort((a, b) => a.seq - b.seq)
      ),
    scan: (after, limit) =>
      Effect.sync(() => {
        const keys = [...store.keys()].sort().filter((key) => after === undefined || key > after)
        const page = keys.slice(0, limit)
        return {
          entries: page.flatMap((key) => store.get(key) ?? []),
          next: keys.length > limit ? page.at(-1) : undefined
        }
      })
  })

export const layerMemory = Layer.sync(AuditLog, () => makeMemoryAuditLog())
