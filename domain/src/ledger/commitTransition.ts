import { Effect, Schema } from "effect"
import type { Digest } from "effect/crypto"
import { sealEntry } from "../audit/AuditChain.ts"
import { TransitionContention } from "../errors/LedgerErrors.ts"
import { replay, type StateMachine, type StayReason, transition } from "../machines/Transition.ts"
import type { Actor, Cause } from "../model/Actor.ts"
import { type AuditEntry, SubjectRef, type TransitionEvent } from "../model/AuditEntry.ts"
import { AuditLog } from "../ports/AuditLog.ts"
import { Clock } from "../ports/Clock.ts"

/** A machine plus the schema of its events, so a subject's log can be read back as its own events. */
export interface LedgerMachine<S, E extends TransitionEvent> extends StateMachine<S, E> {
  readonly isEvent: (event: TransitionEvent) => event is E
}

export const ledgerMachine = <S, E extends TransitionEvent>(
  machine: StateMachine<S, E>,
  eventSchema: Schema.Codec<E, unknown>
): LedgerMachine<S, E> => ({ ...machine, isEvent: Schema.is(eventSchema) as (e: TransitionEvent) => e is E })

export interface Committed<S> {
  readonly _tag: "Applied" | "Unchanged"
  readonly state: S
  readonly version: number
  /** The subject's newest entry: the one just appended, or the one that stands. */
  readonly entry: AuditEntry | undefined
  readonly reason: StayReason | undefined
}

// Losing a race is rare; each retry re-reads, so a bounded loop always makes progress or reports contention.
const MAX_ATTEMPTS = 16

const subjectOf = (machine: { readonly subjectType: SubjectRef["type"] }, id: string) =>
  new SubjectRef({ type: machine.subjectType, id })

/** A subject's state and version, recomputed from its log: the log is the truth, projections are caches. */
export const currentState = <S, E extends TransitionEvent>(machine: LedgerMachine<S, E>, subjectId: string) =>
  Effect.map(
    AuditLog.use((log) => log.history(subjectOf(machine, subjectId))),
    (history) => ({
      state: replay(machine, history.map((entry) => entry.event).filter(machine.isEvent)),
      // The last entry's seq, not the count: a tampered log with a hole must not make appends collide forever.
      version: history.at(-1)?.seq ?? 0,
      history
    })
  )

/**
 * Decides an event against the subject's log and appends the resulting entry at `version + 1`.
 * The append is an insert under the unique (subject, seq) index: the one atomic step on both
 * MongoDB and FerretDB. A writer that loses re-reads and re-decides, so a stale event becomes a no-op.
 */
export const commitTransition = <S, E extends TransitionEvent>(
  machine: LedgerMachine<S, E>,
  subjectId: string,
  event: E,
  context: { readonly actor: Actor; readonly cause: Cause }
): Effect.Effect<Committed<S>, TransitionContention, AuditLog | Clock | Digest.Digest> =>
  Effect.gen(function* () {
    const log = yield* AuditLog
    const clock = yield* Clock
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { state, version, history } = yield* currentState(machine, subjectId)
      const result = transition(machine, state, event, { ...context, at: yield* clock.now })
      if (result._tag === "Unchanged") {
        return { _tag: "Unchanged", state, version, entry: history.at(-1), reason: result.reason } as const
      }
      const entry = yield* sealEntry(subjectId, result.audit, history.at(-1))
      const appended = yield* log.append(entry).pipe(
        Effect.as(true),
        Effect.catchTag("AuditSequenceTaken", () => Effect.succeed(false))
      )
      if (appended)
        return { _tag: "Applied", state: result.to, version: entry.seq, entry, reason: undefined } as const
    }
    return yield* new TransitionContention({ subjectId })
  })
