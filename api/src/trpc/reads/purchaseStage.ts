import type { Certificate, Payment } from "@certify/domain"
import type { PurchaseStage } from "../views.ts"

export interface StageFacts {
  readonly payment: Pick<Payment, "status">
  readonly certificate: Pick<Certificate, "status"> | undefined
  /** An open manual-review item on the payment. */
  readonly underReview: boolean
  /** A verified gateway event for the payment has arrived (it may not be applied yet). */
  readonly eventReceived: boolean
}

/** What the learner sees, derived from the ledger; never stored, never set by a client. */
export const purchaseStage = ({
  payment,
  certificate,
  underReview,
  eventReceived
}: StageFacts): PurchaseStage => {
  switch (payment.status) {
    case "created":
    case "pending":
      if (underReview) return "review"
      return eventReceived ? "processing" : "pending"
    case "failed":
      return "declined"
    case "expired":
      return "abandoned"
    case "succeeded":
    case "partially_refunded":
    case "disputed":
    case "dispute_won":
      if (certificate?.status === "issued") return "ready"
      // An operator revoked it without refunding: nothing will move it again.
      if (certificate?.status === "revoked") return "revoked"
      return underReview ? "review" : "processing"
    case "refunded":
    case "dispute_lost":
      return "refunded"
  }
}

/**
 * Stages nothing but an operator changes: a live view stops watching them. A declined or expired payment
 * is not among them: a retry reuses its checkout and can still succeed (the payment table is forward-only).
 */
export const settledStages: ReadonlySet<PurchaseStage> = new Set(["ready", "refunded", "revoked"])

export const isSettled = (stage: PurchaseStage): boolean => settledStages.has(stage)
