import {
  Certificates,
  Entitlements,
  entitlesLearner,
  type LearnerId,
  PaymentStatus,
  Payments,
  verifyAuditLog
} from "@certify/domain"
import { Effect } from "effect"
import { messageIdOf, type ReceivedEmail } from "../../stack/mailbox.ts"

const CERTIFICATE_MESSAGE_ID = /certificate-([A-Z0-9-]+)-v(\d+)@/

/** Everything the ledger holds for the given learners, and the invariants of issue 7 checked on it. */
export const ledgerCensus = (learners: ReadonlyArray<string>, emails: ReadonlyArray<ReceivedEmail>) =>
  Effect.gen(function* () {
    const ours = new Set(learners)
    // Effects before causes (emails were read first): a read in the middle of the pipeline sees work
    // still to do, never an effect whose cause it has not read yet.
    const certificates = (yield* Effect.forEach(learners, (id) =>
      Certificates.use((c) => c.listByLearner(id as LearnerId))
    )).flat()
    const entitlements = (yield* Effect.forEach(learners, (id) =>
      Entitlements.use((e) => e.listByLearner(id as LearnerId))
    )).flat()
    const payments = (yield* Payments.use((p) =>
      p.listByStatus(PaymentStatus.literals, new Date(8.64e15), 100_000)
    )).filter((p) => ours.has(p.learnerId))
    const audit = yield* verifyAuditLog()

    const violations: string[] = []
    const paymentById = new Map(payments.map((p) => [p.paymentId as string, p]))
    const entitlementById = new Map(entitlements.map((e) => [e.entitlementId as string, e]))
    const certificateById = new Map(certificates.map((c) => [c.certificateId as string, c]))
    const succeeded = payments.filter((p) => entitlesLearner(p.status))

    // (1) nothing granted, issued or sent without a succeeded payment
    for (const entitlement of entitlements) {
      const payment = paymentById.get(entitlement.paymentId)
      if (!payment || !entitlesLearner(payment.status))
        violations.push(`(1) entitlement ${entitlement.entitlementId} without a succeeded payment`)
    }
    for (const certificate of certificates)
      if (!entitlementById.has(certificate.entitlementId))
        violations.push(`(1) certificate ${certificate.certificateId} without an entitlement`)
    const emailsPerCertificate = new Map<string, number>()
    for (const email of emails) {
      const certificateId = CERTIFICATE_MESSAGE_ID.exec(messageIdOf(email))?.[1]
      if (!certificateId || !certificateById.has(certificateId)) {
        violations.push(`(1) email ${messageIdOf(email) || email.id} for no known certificate`)
        continue
      }
      emailsPerCertificate.set(certificateId, (emailsPerCertificate.get(certificateId) ?? 0) + 1)
    }
    // (2) every succeeded payment: one granted entitlement, one issued certificate, an email
    for (const payment of succeeded) {
      const granted = entitlements.filter((e) => e.paymentId === payment.paymentId && e.status === "granted")
      if (granted.length !== 1)
        violations.push(`(2) payment ${payment.paymentId} has ${granted.length} granted entitlements`)
      const issued = certificates.filter(
        (c) => granted.some((e) => e.entitlementId === c.entitlementId) && c.status === "issued"
      )
      if (issued.length !== 1)
        violations.push(`(2) payment ${payment.paymentId} has ${issued.length} issued certificates`)
      for (const certificate of issued)
        if (!emailsPerCertificate.has(certificate.certificateId))
          violations.push(`(2) certificate ${certificate.certificateId} was never emailed`)
    }
    // (4) every hash chain verifies
    for (const broken of audit.broken) violations.push(`(4) audit chain broken: ${JSON.stringify(broken)}`)
    // (6) nothing left unsettled (every planned purchase was paid)
    for (const payment of payments)
      if (!entitlesLearner(payment.status))
        violations.push(`(6) payment ${payment.paymentId} left ${payment.status}`)

    return {
      payments: payments.length,
      succeeded: succeeded.length,
      entitlements: entitlements.length,
      certificates: certificates.length,
      issued: certificates.filter((c) => c.status === "issued").length,
      emails: emails.length,
      distinctEmails: new Set(emails.map(messageIdOf)).size,
      auditSubjects: audit.subjects,
      auditEntries: audit.entries,
      violations
    }
  })
