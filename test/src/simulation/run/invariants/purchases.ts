import { type CertificateEmail, entitlesLearner, ManualReview, revokesEntitlement } from "@certify/domain"
import { Effect, Option } from "effect"
import type { LedgerView } from "../ledgerView.ts"
import type { World } from "../World.ts"

/** (2) and (3), per purchase (learner, course): what its payments' final states imply. */
export const checkPurchases = (
  world: World,
  view: LedgerView,
  emails: ReadonlyArray<CertificateEmail>,
  fail: (invariant: number, message: string) => void
) =>
  Effect.gen(function* () {
    const review = yield* ManualReview
    const purchases = new Map<string, Array<LedgerView["payments"][number]>>()
    for (const p of view.payments) {
      const key = `${p.payment.learnerId}|${p.payment.courseId}`
      purchases.set(key, [...(purchases.get(key) ?? []), p])
    }
    for (const [key, payments] of purchases) {
      const standing = payments.filter((p) => entitlesLearner(p.log.state))
      const entitlements = view.entitlements.filter(
        (e) => `${e.entitlement.learnerId}|${e.entitlement.courseId}` === key
      )
      const entitlement = entitlements[0]
      const certificate = view.certificates.find(
        (c) =>
          entitlement !== undefined && c.certificate.entitlementId === entitlement.entitlement.entitlementId
      )
      if (entitlements.length > 1) fail(2, `${key}: ${entitlements.length} entitlements`)
      for (const { entitlement: e } of entitlements) {
        const count = view.certificates.filter((c) => c.certificate.entitlementId === e.entitlementId).length
        if (count > 1) fail(2, `${key}: ${count} certificates for entitlement ${e.entitlementId}`)
      }
      if (standing.length > 0) {
        if (entitlement?.log.state !== "granted")
          fail(
            2,
            `${key}: paid by ${standing[0]?.payment.paymentId}, entitlement ${entitlement?.log.state ?? "missing"}`
          )
        else if (certificate?.log.state._tag !== "Issued")
          fail(2, `${key}: paid, certificate ${certificate?.log.state._tag ?? "missing"}`)
        else {
          const version = certificate.log.state.version
          const sent = emails.filter((e) => e.certificateId === certificate.certificate.certificateId)
          const current = sent.filter((e) => e.messageId.endsWith(`-v${version}@certify.local>`))
          if (current.length === 0) fail(2, `${key}: certificate v${version} issued, never emailed`)
          if (current.length > 1 && world.runner.crashes === 0)
            fail(2, `${key}: ${current.length} emails for v${version} without any crash`)
        }
        const keeper = entitlement?.log.history.findLast(
          (entry) => entry.event._tag === "EntitlementGranted" || entry.event._tag === "EntitlementReinstated"
        )?.event
        const keeperId = keeper && "paymentId" in keeper ? keeper.paymentId : undefined
        for (const extra of standing.length > 1 ? standing : []) {
          if (extra.payment.paymentId === keeperId) continue
          if (Option.isNone(yield* review.find(extra.payment.paymentId, "duplicate_payment")))
            fail(2, `${key}: second standing payment ${extra.payment.paymentId} not flagged for a refund`)
        }
      } else {
        if (entitlement?.log.state === "granted") fail(3, `${key}: granted without a standing payment`)
        if (entitlement !== undefined && payments.some((p) => revokesEntitlement(p.log.state))) {
          if (entitlement.log.state !== "revoked")
            fail(3, `${key}: refunded, entitlement ${entitlement.log.state}`)
          if (certificate !== undefined && certificate.log.state._tag !== "Revoked")
            fail(3, `${key}: refunded, certificate ${certificate.log.state._tag}`)
        }
      }
    }
  })
