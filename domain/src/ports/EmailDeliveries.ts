import { Context, type Effect } from "effect"

export type EmailClaim =
  | { readonly _tag: "Claimed"; readonly generation: number }
  | { readonly _tag: "AlreadySent" }
  | { readonly _tag: "InProgress"; readonly claimedAt: Date }

/**
 * One record per (certificate, version) send. A claim is a unique insert of (key, generation):
 * two workers cannot both hold a fresh claim, and a claim left by a crashed worker can be
 * taken over with the next generation once it is older than the lease.
 */
export class EmailDeliveries extends Context.Service<
  EmailDeliveries,
  {
    readonly claim: (key: string, now: Date, leaseMillis: number) => Effect.Effect<EmailClaim>
    /** Whether a send under this key was confirmed: lets a re-run skip scheduling an email job. */
    readonly wasSent: (key: string) => Effect.Effect<boolean>
    readonly markSent: (key: string, generation: number, at: Date) => Effect.Effect<void>
    readonly markFailed: (
      key: string,
      generation: number,
      error: string,
      permanent: boolean,
      at: Date
    ) => Effect.Effect<void>
  }
>()("certify/domain/ports/EmailDeliveries") {}
