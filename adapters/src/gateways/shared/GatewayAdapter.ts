import type {
  CheckoutRequest,
  CheckoutSession,
  Gateway,
  GatewayPaymentSnapshot,
  PaymentReference,
  SnapshotPage,
  TimeWindow
} from "@certify/domain"
import type { GatewayPolicy } from "../resilience/gatewayPolicy.ts"

/** One gateway's calls as promises; the layer turns their failures into `PaymentUnavailable`. */
export interface GatewayAdapter {
  readonly gateway: Gateway
  readonly policy: GatewayPolicy
  readonly createCheckout: (request: CheckoutRequest) => Promise<CheckoutSession>
  /** Everything the gateway knows about one payment, by whichever reference is at hand. */
  readonly fetchPayment: (reference: PaymentReference) => Promise<ReadonlyArray<GatewayPaymentSnapshot>>
  readonly listPayments: (window: TimeWindow, cursor: string | undefined) => Promise<SnapshotPage>
  readonly refund: (reference: PaymentReference) => Promise<void>
}

/** Gateway metadata/notes naming our records, so any event or listing leads back to the payment. */
export const ourIds = (request: CheckoutRequest) => ({
  payment_id: request.paymentId,
  intent_id: request.intentId,
  learner_id: request.learnerId,
  course_id: request.courseId
})

export const returnUrls = (publicBaseUrl: string, paymentId: string) => ({
  purchase: `${publicBaseUrl}/purchases/${encodeURIComponent(paymentId)}`,
  cancelled: `${publicBaseUrl}/purchases/${encodeURIComponent(paymentId)}?cancelled=1`
})
