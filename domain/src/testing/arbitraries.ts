import * as fc from "fast-check"
import type { CertificateEvent } from "../machines/CertificateMachine.ts"
import type { EntitlementEvent } from "../machines/EntitlementMachine.ts"
import { type PaymentEvent, paymentEventTarget } from "../machines/PaymentMachine.ts"
import type { PaymentId } from "../model/Ids.ts"

/** fast-check's default for CI: every property runs at least this many cases. */
export const PROPERTY_RUNS = 1000

const tags = Object.keys(paymentEventTarget) as Array<PaymentEvent["_tag"]>

const eventOf = (tag: PaymentEvent["_tag"]): PaymentEvent =>
  tag === "CheckoutOpened" ? { _tag: tag, checkoutRef: "cs_test" } : { _tag: tag }

export const paymentEvent: fc.Arbitrary<PaymentEvent> = fc.constantFrom(...tags).map(eventOf)

export const entitlementEvent = (paymentId: PaymentId): fc.Arbitrary<EntitlementEvent> =>
  fc.oneof(
    fc.constant<EntitlementEvent>({ _tag: "EntitlementGranted", paymentId }),
    fc.constant<EntitlementEvent>({ _tag: "EntitlementReinstated", paymentId }),
    fc.constantFrom<EntitlementEvent>(
      { _tag: "EntitlementRevoked", reason: "refund" },
      { _tag: "EntitlementRevoked", reason: "dispute_lost" },
      { _tag: "EntitlementRevoked", reason: "operator", note: "fraud" }
    )
  )

const sha = fc.constantFrom("a".repeat(64), "b".repeat(64))

export const certificateEvent: fc.Arbitrary<CertificateEvent> = fc.oneof(
  fc.constant<CertificateEvent>({ _tag: "CertificateRequested" }),
  fc.constant<CertificateEvent>({ _tag: "CertificateRenderFailed", error: "renderer down" }),
  fc
    .record({ version: fc.integer({ min: 1, max: 3 }), pngSha256: sha, pdfSha256: sha })
    .map((issued): CertificateEvent => ({ _tag: "CertificateIssued", ...issued })),
  fc.constant<CertificateEvent>({ _tag: "CertificateRevoked", reason: "refund" }),
  fc.constant<CertificateEvent>({ _tag: "CertificateReissueRequested", reason: "name corrected" }),
  fc.constant<CertificateEvent>({ _tag: "CertificateReinstated" })
)
