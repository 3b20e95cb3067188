import { Context, type Effect } from "effect"

/**
 * Claims one scheduled check of one payment; a unique insert, so each check runs once across workers.
 * Also keeps, per checkpoint, how far the janitor has looked: payments created up to that instant were
 * already seen at that checkpoint, so the next pass starts after them instead of re-reading (and being
 * filled by) rows it already checked or parked.
 */
export class JanitorChecks extends Context.Service<
  JanitorChecks,
  {
    readonly claim: (paymentId: string, checkpoint: string, at: Date) => Effect.Effect<boolean>
    /** Payments created at or before this instant were already looked at for this checkpoint. */
    readonly cursor: (checkpoint: string) => Effect.Effect<Date | undefined>
    /** Moves the checkpoint's cursor forward; an earlier instant than the stored one is ignored. */
    readonly advance: (checkpoint: string, to: Date) => Effect.Effect<void>
  }
>()("certify/domain/ports/JanitorChecks") {}
