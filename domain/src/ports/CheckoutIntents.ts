import { Context, type Effect, type Option } from "effect"
import type { IntentId } from "../model/Ids.ts"
import type { CheckoutIntent } from "../model/Payment.ts"

/** At most one intent per (learner, course, offer), enforced by a unique index. */
export class CheckoutIntents extends Context.Service<
  CheckoutIntents,
  {
    /** Inserts the draft, or returns the intent that won the race for the same key. */
    readonly openOrGet: (
      draft: CheckoutIntent
    ) => Effect.Effect<{ readonly intent: CheckoutIntent; readonly created: boolean }>
    readonly find: (intentId: IntentId) => Effect.Effect<Option.Option<CheckoutIntent>>
  }
>()("certify/domain/ports/CheckoutIntents") {}
