import { Context, type Effect } from "effect"

/** Claims one scheduled check of one payment; a unique insert, so each check runs once across workers. */
export class JanitorChecks extends Context.Service<
  JanitorChecks,
  { readonly claim: (paymentId: string, checkpoint: string, at: Date) => Effect.Effect<boolean> }
>()("certify/domain/ports/JanitorChecks") {}
