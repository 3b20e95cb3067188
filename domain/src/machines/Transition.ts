import type { Actor, Cause } from "../model/Actor.ts"

export type SubjectKind = "payment" | "entitlement" | "certificate"

/** What a machine decides for one event: move to a new state, or stay and say why. */
export type Decision<S> =
  | { readonly _tag: "Move"; readonly to: S }
  | { readonly _tag: "Stay"; readonly reason: StayReason }

/** `same_state`: the event restates the current state. `stale`: it would move backwards. */
export type StayReason = "same_state" | "stale" | "not_applicable"

export interface StateMachine<S, E extends { readonly _tag: string }> {
  readonly subjectType: SubjectKind
  readonly initial: S
  /** The state's name as the audit trail shows it. */
  readonly label: (state: S) => string
  readonly decide: (state: S, event: E) => Decision<S>
}

export interface TransitionContext {
  readonly actor: Actor
  readonly cause: Cause
  readonly at: Date
}

/** The audit entry an applied transition implies, before the ledger numbers and seals it. */
export interface AuditDraft<E> {
  readonly subjectType: SubjectKind
  readonly event: E
  readonly from: string
  readonly to: string
  readonly actor: Actor
  readonly cause: Cause
  readonly at: Date
}

export type TransitionResult<S, E> =
  | { readonly _tag: "Applied"; readonly from: S; readonly to: S; readonly audit: AuditDraft<E> }
  | { readonly _tag: "Unchanged"; readonly state: S; readonly reason: StayReason }

export const move = <S>(to: S): Decision<S> => ({ _tag: "Move", to })
export const stay = <S>(reason: StayReason): Decision<S> => ({ _tag: "Stay", reason })

/** Applies one event; every applied transition carries exactly one audit draft. */
export const transition = <S, E extends { readonly _tag: string }>(
  machine: StateMachine<S, E>,
  state: S,
  event: E,
  context: TransitionContext
): TransitionResult<S, E> => {
  const decision = machine.decide(state, event)
  switch (decision._tag) {
    case "Stay":
      return { _tag: "Unchanged", state, reason: decision.reason }
    case "Move":
      return {
        _tag: "Applied",
        from: state,
        to: decision.to,
        audit: {
          subjectType: machine.subjectType,
          event,
          from: machine.label(state),
          to: machine.label(decision.to),
          actor: context.actor,
          cause: context.cause,
          at: context.at
        }
      }
  }
}

/** Folds events from the initial state, ignoring the ones the machine rejects. */
export const replay = <S, E extends { readonly _tag: string }>(
  machine: StateMachine<S, E>,
  events: Iterable<E>
): S => {
  let state = machine.initial
  for (const event of events) {
    const decision = machine.decide(state, event)
    if (decision._tag === "Move") state = decision.to
  }
  return state
}
