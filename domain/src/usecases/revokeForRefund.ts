import type { TransitionCause } from "../ledger/subjects.ts"
import type { PaymentId } from "../model/Ids.ts"
import { settleEntitlement } from "./settleEntitlement.ts"

/**
 * After a refund or a lost dispute of a payment: revokes what it unlocked, unless another payment
 * for the same purchase still stands (then access is kept, and the duplicate is under review).
 */
export const revokeForRefund = (paymentId: PaymentId, by: TransitionCause) => settleEntitlement(paymentId, by)
