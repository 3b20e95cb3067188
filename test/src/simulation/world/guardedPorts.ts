import {
  ArtifactStore,
  AuditLog,
  Certificates,
  CheckoutIntents,
  EmailDeliveries,
  Entitlements,
  GatewayEventInbox,
  JanitorChecks,
  JobQueue,
  Mailer,
  ManualReview,
  Payments,
  ReconciliationRuns
} from "@certify/domain"
import { Layer } from "effect"
import { guardService } from "./Tasks.ts"

/**
 * The ports the use cases write through, each call guarded (see `guarded`): a crash can land after
 * any write to the ledger, the queue, the artifact store or the SMTP server.
 */
export const guardedPorts = Layer.mergeAll(
  Layer.effect(
    AuditLog,
    AuditLog.useSync((s) => guardService("audit", s, ["append"]))
  ),
  Layer.effect(
    Payments,
    Payments.useSync((s) =>
      guardService("payments", s, ["insert", "attachCheckout", "attachGatewayPaymentId", "project"])
    )
  ),
  Layer.effect(
    CheckoutIntents,
    CheckoutIntents.useSync((s) => guardService("intents", s, ["openOrGet"]))
  ),
  Layer.effect(
    GatewayEventInbox,
    GatewayEventInbox.useSync((s) => guardService("inbox", s, ["record", "markProcessed", "markFailed"]))
  ),
  Layer.effect(
    Entitlements,
    Entitlements.useSync((s) => guardService("entitlements", s, ["create", "project"]))
  ),
  Layer.effect(
    Certificates,
    Certificates.useSync((s) => guardService("certificates", s, ["create", "recordVersion", "project"]))
  ),
  Layer.effect(
    ManualReview,
    ManualReview.useSync((s) => guardService("review", s, ["flag", "resolve"]))
  ),
  Layer.effect(
    EmailDeliveries,
    EmailDeliveries.useSync((s) => guardService("emails", s, ["claim", "markSent", "markFailed"]))
  ),
  Layer.effect(
    ReconciliationRuns,
    ReconciliationRuns.useSync((s) => guardService("runs", s, ["record"]))
  ),
  Layer.effect(
    JanitorChecks,
    JanitorChecks.useSync((s) => guardService("janitor", s, ["claim"]))
  ),
  Layer.effect(
    JobQueue,
    JobQueue.useSync((s) => guardService("jobs", s, ["enqueue"]))
  ),
  Layer.effect(
    ArtifactStore,
    ArtifactStore.useSync((s) => guardService("artifacts", s, ["put"]))
  ),
  Layer.effect(
    Mailer,
    Mailer.useSync((s) => guardService("smtp", s, ["sendCertificate"]))
  )
)
