import {
  AuditEntry,
  auditKey,
  type LedgerMachine,
  replay,
  SubjectRef,
  type TransitionEvent
} from "@certify/domain"
import { Effect } from "effect"
import { decodeDocument } from "../documents.ts"
import { findConsecutive, findKeyRange, modelsOf, query } from "../model.ts"

const decode = decodeDocument(AuditEntry, "audit_log")

const documentOf = { payment: "Payment", entitlement: "Entitlement", certificate: "Certificate" } as const

// A subject with this many transitions does not exist; a larger recorded version is tampering,
// and the reads stop here instead of following it.
const MAX_RECORDED_VERSION = 1000

/**
 * A subject's log read by keys only (FerretDB scans for anything else): the entries up to the version
 * its document records, past any gap, then onwards until the first missing entry.
 */
export const makeSubjectLog = Effect.gen(function* () {
  const models = yield* modelsOf("AuditEntry", "Payment", "Entitlement", "Certificate")
  const entries = models.AuditEntry
  const recordedVersion = (subject: SubjectRef) =>
    query(() =>
      models[documentOf[subject.type]].findById(subject.id).lean<{ version?: unknown }>().exec()
    ).pipe(
      Effect.map((doc) =>
        typeof doc?.version === "number" ? Math.min(Math.max(doc.version, 0), MAX_RECORDED_VERSION) : 0
      )
    )
  // The projection is written after its append, so every entry at or below the recorded version
  // existed when the document was read. Entries from the first miss up to that version are read again
  // (after it): one missing then was deleted, not still being written by a concurrent append.
  const history = (subject: SubjectRef) =>
    Effect.gen(function* () {
      const key = (seq: number) => auditKey(subject, seq)
      const [consecutive, recorded] = yield* Effect.all(
        [findConsecutive(entries, key), recordedVersion(subject)],
        { concurrency: 2 }
      )
      const firstMissing = consecutive.length + 1
      if (recorded < firstMissing) return consecutive.map(decode)
      const upToRecorded = yield* findKeyRange(entries, key, firstMissing, recorded)
      const after = yield* findConsecutive(entries, key, recorded + 1)
      return [...consecutive, ...upToRecorded, ...after].map(decode)
    })
  const hasEntry = (subject: SubjectRef, seq: number) =>
    query(() => entries.findById(auditKey(subject, seq)).lean().exec()).pipe(
      Effect.map((found) => found !== null)
    )
  /** The subject's state replayed from its log, with the newest entry's seq as its version. */
  const replayed = <S, E extends TransitionEvent>(machine: LedgerMachine<S, E>, id: string) =>
    Effect.map(history(new SubjectRef({ type: machine.subjectType, id })), (log) => ({
      state: replay(machine, log.map((entry) => entry.event).filter(machine.isEvent)),
      version: log.at(-1)?.seq ?? 0,
      last: log.at(-1)
    }))
  return { history, hasEntry, replayed }
})

// FerretDB does not re-check an update's filter when it writes, so `version < new` cannot stop an
// older projection from landing after a newer one. Each writer therefore looks for a newer log entry
// after its write and, if one exists, rewrites the projection from the log. The last write to the
// document is always followed by its writer's look, so the document ends equal to the log.
const MAX_REPAIRS = 8

/** Writes a projection, then rewrites it from the log while the log has a newer entry (bounded). */
export const projectUntilCurrent = <P extends { readonly version: number }>(
  projection: P,
  write: (projection: P) => Effect.Effect<void>,
  hasEntry: (seq: number) => Effect.Effect<boolean>,
  fromLog: Effect.Effect<P>
) =>
  Effect.gen(function* () {
    let current = projection
    for (let round = 0; round < MAX_REPAIRS; round++) {
      yield* write(current)
      if (!(yield* hasEntry(current.version + 1))) return
      current = yield* fromLog
    }
    // Still moving after this many rounds: the writers of the newer entries repair it after theirs.
  })
