import { type AuditEntry, type CertificateEmail, entitlesLearner, type PaymentStatus } from "@certify/domain"
import type { LedgerView } from "../ledgerView.ts"
import type { World } from "../World.ts"

const paymentStates = (history: ReadonlyArray<AuditEntry>) =>
  history.map((entry) => entry.to as PaymentStatus)

/** Whether the payment's log ever reached a state that entitles the learner. */
export const wasPaid = (view: LedgerView, paymentId: string) => {
  const found = view.payments.find((p) => p.payment.paymentId === paymentId)
  return found !== undefined && paymentStates(found.log.history).some(entitlesLearner)
}

/** (1) Nothing granted, issued or sent without a payment that succeeded, at the gateway and in the log. */
export const checkGrants = (
  world: World,
  view: LedgerView,
  emails: ReadonlyArray<CertificateEmail>,
  fail: (invariant: number, message: string) => void
) => {
  for (const { entitlement, log } of view.entitlements) {
    const unlockers = log.history.flatMap((entry) =>
      entry.event._tag === "EntitlementGranted" || entry.event._tag === "EntitlementReinstated"
        ? [entry.event.paymentId]
        : []
    )
    for (const paymentId of unlockers) {
      if (!wasPaid(view, paymentId))
        fail(1, `entitlement ${entitlement.entitlementId} granted by unpaid ${paymentId}`)
      const atGateway = world.gateways.payments.find((p) => p.paymentId === paymentId)
      if (!atGateway?.history.includes("succeeded"))
        fail(
          1,
          `entitlement ${entitlement.entitlementId} granted, but the gateway never charged ${paymentId}`
        )
    }
  }
  for (const { certificate } of view.certificates) {
    const entitlement = view.entitlements.find(
      (e) => e.entitlement.entitlementId === certificate.entitlementId
    )
    if (entitlement === undefined || !entitlement.log.history.some((entry) => entry.to === "granted"))
      fail(1, `certificate ${certificate.certificateId} without a granted entitlement`)
  }
  for (const email of emails) {
    const certificate = view.certificates.find((c) => c.certificate.certificateId === email.certificateId)
    if (!certificate?.log.history.some((entry) => entry.event._tag === "CertificateIssued"))
      fail(1, `email ${email.messageId} for a certificate never issued`)
  }
}
