import { ManualReview } from "@certify/domain"
import { SentEmails } from "@certify/domain/testing"
import { Effect } from "effect"
import { ledgerView } from "./ledgerView.ts"
import type { World } from "./World.ts"

/** What a run of the recurring jobs could change: equal fingerprints mean nothing moved. */
export const fingerprint = (world: World) =>
  Effect.gen(function* () {
    const view = yield* ledgerView(world)
    const emails = yield* SentEmails.use((s) => s.all)
    const reviews = yield* ManualReview.use((r) => r.listOpen(10_000))
    return JSON.stringify([
      view.payments.map((p) => [p.payment.paymentId, p.payment.status, p.log.version]),
      view.entitlements.map((e) => [e.entitlement.entitlementId, e.entitlement.status, e.log.version]),
      view.certificates.map((c) => [c.certificate.certificateId, c.certificate.status, c.log.version]),
      emails.length,
      reviews.length,
      world.scheduler.queued.size,
      world.webhooks.pending.length
    ])
  })
