import {
  Catalog,
  CertificateLinks,
  Certificates,
  Entitlements,
  ManualReview,
  OperatorReads,
  type Payment,
  PaymentReference
} from "@certify/domain"
import { Effect, Option } from "effect"
import type { PurchaseView } from "../views.ts"
import { purchaseStage } from "./purchaseStage.ts"
import { certificateSummary } from "./toViews.ts"

/** The certificate a payment's purchase unlocked, if its entitlement points at this payment's course. */
export const certificateForPurchase = (payment: Payment) =>
  Effect.gen(function* () {
    const entitlement = yield* Entitlements.use((e) =>
      e.findFor(payment.learnerId, payment.courseId, "certificate")
    )
    if (Option.isNone(entitlement)) return undefined
    return Option.getOrUndefined(
      yield* Certificates.use((c) => c.findByEntitlement(entitlement.value.entitlementId))
    )
  })

export const purchaseFacts = (payment: Payment) =>
  Effect.gen(function* () {
    const certificate = yield* certificateForPurchase(payment)
    const reviews = yield* ManualReview.use((r) => r.listForSubject(payment.paymentId))
    const reference = new PaymentReference({
      paymentId: payment.paymentId,
      ...(payment.checkoutRef === undefined ? {} : { checkoutRef: payment.checkoutRef }),
      ...(payment.gatewayPaymentId === undefined ? {} : { gatewayPaymentId: payment.gatewayPaymentId })
    })
    const events = yield* OperatorReads.use((r) => r.inboxEventsFor(payment.gateway, reference, 1))
    return {
      payment,
      certificate,
      underReview: reviews.some((item) => item.resolvedAt === undefined),
      eventReceived: events.length > 0
    }
  })

export const purchaseView = (payment: Payment) =>
  Effect.gen(function* () {
    const facts = yield* purchaseFacts(payment)
    const course = yield* Catalog.use((c) => c.course(payment.courseId))
    const links = yield* CertificateLinks
    const view: PurchaseView = {
      paymentId: payment.paymentId,
      gateway: payment.gateway,
      courseId: payment.courseId,
      courseTitle: Option.match(course, { onNone: () => payment.courseId, onSome: (c) => c.title }),
      amount: { currency: payment.amount.currency, amountMinor: payment.amount.amount },
      stage: purchaseStage(facts),
      ...(facts.certificate === undefined
        ? {}
        : { certificate: certificateSummary(facts.certificate, links) })
    }
    return view
  })
