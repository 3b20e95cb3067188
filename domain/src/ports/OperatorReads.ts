import { Context, type Effect } from "effect"
import type { Gateway } from "../model/Gateway.ts"
import type { PaymentReference } from "../model/GatewayEvent.ts"
import type { LearnerId } from "../model/Ids.ts"
import type { Payment } from "../model/Payment.ts"
import type { InboxRecord } from "./GatewayEventInbox.ts"

/**
 * Read models for the operators' searches and a payment's story. They read projections and the
 * inbox as stored; no decision is taken on them. Ordering ties break on the id, so every
 * implementation lists the same rows in the same order.
 */
export class OperatorReads extends Context.Service<
  OperatorReads,
  {
    /** A learner's payments, newest first. */
    readonly paymentsByLearner: (learnerId: LearnerId, limit: number) => Effect.Effect<ReadonlyArray<Payment>>
    /** All payments, newest first. */
    readonly recentPayments: (limit: number) => Effect.Effect<ReadonlyArray<Payment>>
    /** Inbox records of one gateway whose event points at any of the given references, oldest first. */
    readonly inboxEventsFor: (
      gateway: Gateway,
      reference: PaymentReference,
      limit: number
    ) => Effect.Effect<ReadonlyArray<InboxRecord>>
  }
>()("certify/domain/ports/OperatorReads") {}
