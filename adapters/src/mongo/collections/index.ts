import type { Connection } from "mongoose"
import { auditSchema } from "./audit.ts"
import { completionSchema, courseSchema, learnerSchema, offerSchema } from "./catalog.ts"
import { certificateSchema, certificateVersionSchema, entitlementSchema } from "./entitlements.ts"
import { inboxSchema } from "./inbox.ts"
import {
  emailClaimSchema,
  janitorCheckSchema,
  operatorActionSchema,
  reconciliationRunSchema,
  reviewResolutionSchema,
  reviewSchema
} from "./operations.ts"
import { checkoutIntentSchema, paymentRefSchema, paymentSchema } from "./payments.ts"

export const collections = {
  Payment: paymentSchema,
  PaymentRef: paymentRefSchema,
  CheckoutIntent: checkoutIntentSchema,
  InboxRecord: inboxSchema,
  Entitlement: entitlementSchema,
  Certificate: certificateSchema,
  CertificateVersion: certificateVersionSchema,
  AuditEntry: auditSchema,
  ReviewItem: reviewSchema,
  ReviewResolution: reviewResolutionSchema,
  OperatorAction: operatorActionSchema,
  EmailClaim: emailClaimSchema,
  ReconciliationRun: reconciliationRunSchema,
  JanitorCheck: janitorCheckSchema,
  Learner: learnerSchema,
  Course: courseSchema,
  Completion: completionSchema,
  Offer: offerSchema
} as const

export type CollectionName = keyof typeof collections

export const registerCollections = (connection: Connection) => {
  for (const [name, schema] of Object.entries(collections)) {
    if (!connection.models[name]) connection.model(name, schema)
  }
}

/** The unique indexes idempotency rests on; startup refuses to run without them. */
export const requiredUniqueIndexes: ReadonlyArray<{ collection: string; key: Record<string, 1> }> = [
  { collection: "payments", key: { intentId: 1, gateway: 1, attempt: 1 } },
  { collection: "payment_refs", key: { gateway: 1, kind: 1, ref: 1 } },
  { collection: "checkout_intents", key: { learnerId: 1, courseId: 1, offerId: 1 } },
  { collection: "gateway_event_inbox", key: { gateway: 1, eventId: 1 } },
  { collection: "entitlements", key: { learnerId: 1, courseId: 1, kind: 1 } },
  { collection: "certificates", key: { certificateId: 1 } },
  { collection: "certificates", key: { entitlementId: 1 } },
  { collection: "certificate_versions", key: { certificateId: 1, version: 1 } },
  { collection: "audit_log", key: { "subject.type": 1, "subject.id": 1, seq: 1 } },
  { collection: "manual_reviews", key: { subjectId: 1, reason: 1 } },
  { collection: "review_resolutions", key: { subjectId: 1, reason: 1 } },
  { collection: "operator_actions", key: { actionId: 1 } },
  { collection: "email_deliveries", key: { key: 1, generation: 1 } },
  { collection: "janitor_checks", key: { paymentId: 1, checkpoint: 1 } },
  { collection: "course_completions", key: { learnerId: 1, courseId: 1 } },
  { collection: "certificate_offers", key: { courseId: 1 } }
]
