import type {
  ArtifactStore,
  AuditLog,
  Catalog,
  CertificateCorrections,
  CertificateCredentials,
  CertificateLinks,
  CertificateRenderer,
  Certificates,
  CheckoutIntents,
  Clock,
  EmailDeliveries,
  Entitlements,
  GatewayEventInbox,
  IdGenerator,
  JanitorChecks,
  JobQueue,
  JobsAdmin,
  Mailer,
  ManualReview,
  OperatorActions,
  OperatorReads,
  PaymentGateways,
  Payments,
  ReconciliationRuns
} from "@certify/domain"
import type { ManagedRuntime } from "effect"
import type { Digest } from "effect/crypto"

/** Every port the API and the workers run use cases against; the composition root provides them all. */
export type AppServices =
  | ArtifactStore
  | AuditLog
  | Catalog
  | CertificateCorrections
  | CertificateCredentials
  | CertificateLinks
  | CertificateRenderer
  | Certificates
  | CheckoutIntents
  | Clock
  | EmailDeliveries
  | Entitlements
  | GatewayEventInbox
  | IdGenerator
  | JanitorChecks
  | JobQueue
  | JobsAdmin
  | Mailer
  | ManualReview
  | OperatorActions
  | OperatorReads
  | PaymentGateways
  | Payments
  | ReconciliationRuns
  | Digest.Digest

/** Handlers run domain effects through this: `runtime.runPromiseExit(effect)`. */
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, never>
