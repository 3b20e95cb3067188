import { Context, type Effect } from "effect"
import type { CertificateId, EntitlementId, IntentId } from "../model/Ids.ts"

/** Fresh ids. Certificate ids come from a CSPRNG (80 bits); they are fixed once stored. */
export class IdGenerator extends Context.Service<
  IdGenerator,
  {
    readonly intentId: Effect.Effect<IntentId>
    readonly entitlementId: Effect.Effect<EntitlementId>
    readonly certificateId: Effect.Effect<CertificateId>
  }
>()("certify/domain/ports/IdGenerator") {}
