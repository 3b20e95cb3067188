import { Layer } from "effect"
import { Digest } from "effect/crypto"
import { demoCatalog } from "./fixtures.ts"
import * as MemoryArtifactStore from "./memory/MemoryArtifactStore.ts"
import * as MemoryAuditLog from "./memory/MemoryAuditLog.ts"
import * as MemoryCatalog from "./memory/MemoryCatalog.ts"
import * as MemoryCertificateCorrections from "./memory/MemoryCertificateCorrections.ts"
import * as MemoryCertificateCredentials from "./memory/MemoryCertificateCredentials.ts"
import * as MemoryCertificateLinks from "./memory/MemoryCertificateLinks.ts"
import * as MemoryCertificates from "./memory/MemoryCertificates.ts"
import * as MemoryCheckoutIntents from "./memory/MemoryCheckoutIntents.ts"
import * as MemoryEmailDeliveries from "./memory/MemoryEmailDeliveries.ts"
import * as MemoryEntitlements from "./memory/MemoryEntitlements.ts"
import * as MemoryGatewayEventInbox from "./memory/MemoryGatewayEventInbox.ts"
import * as MemoryIdGenerator from "./memory/MemoryIdGenerator.ts"
import * as MemoryJobQueue from "./memory/MemoryJobQueue.ts"
import * as MemoryJobsAdmin from "./memory/MemoryJobsAdmin.ts"
import * as MemoryMailer from "./memory/MemoryMailer.ts"
import * as MemoryManualReview from "./memory/MemoryManualReview.ts"
import * as MemoryOperatorActions from "./memory/MemoryOperatorActions.ts"
import * as MemoryPaymentGateways from "./memory/MemoryPaymentGateways.ts"
import * as MemoryPayments from "./memory/MemoryPayments.ts"
import * as MemoryReconciliation from "./memory/MemoryReconciliation.ts"
import * as MemoryRenderer from "./memory/MemoryRenderer.ts"

export type { CatalogSeed } from "../model/Catalog.ts"
export { runJob } from "../usecases/runJob.ts"
export * from "./arbitraries.ts"
export { deliverEvent, type EventSpec } from "./deliverEvent.ts"
export { drainJobs } from "./drainJobs.ts"
export * from "./fixtures.ts"
export { makeMemoryAuditLog } from "./memory/MemoryAuditLog.ts"
export { EnqueuedJobs } from "./memory/MemoryJobQueue.ts"
export { SentEmails } from "./memory/MemoryMailer.ts"
export { GatewayControls } from "./memory/MemoryPaymentGateways.ts"
export * from "./scenario.ts"

import { layerTestClock } from "./testClock.ts"

export {
  layerTestClock,
  MemoryArtifactStore,
  MemoryAuditLog,
  MemoryCatalog,
  MemoryCertificateCorrections,
  MemoryCertificateCredentials,
  MemoryCertificateLinks,
  MemoryCertificates,
  MemoryCheckoutIntents,
  MemoryEmailDeliveries,
  MemoryEntitlements,
  MemoryGatewayEventInbox,
  MemoryIdGenerator,
  MemoryJobQueue,
  MemoryJobsAdmin,
  MemoryMailer,
  MemoryManualReview,
  MemoryOperatorActions,
  MemoryPaymentGateways,
  MemoryPayments,
  MemoryReconciliation,
  MemoryRenderer
}

/** The ledger ports in memory: what the mongoose adapters replace. */
export const layerMemoryLedger = Layer.mergeAll(
  MemoryAuditLog.layerMemory,
  MemoryPayments.layerMemory,
  MemoryCheckoutIntents.layerMemory,
  MemoryGatewayEventInbox.layerMemory,
  MemoryEntitlements.layerMemory,
  MemoryCertificates.layerMemory,
  MemoryManualReview.layerMemory,
  MemoryEmailDeliveries.layerMemory,
  MemoryReconciliation.layerRunsMemory,
  MemoryReconciliation.layerJanitorMemory
)

/** Everything the use cases need, in memory, for domain tests. */
export const layerMemoryAll = (seed = demoCatalog) =>
  Layer.mergeAll(
    layerMemoryLedger,
    MemoryCatalog.layerMemory(seed),
    MemoryJobQueue.layerMemory,
    MemoryIdGenerator.layerMemory,
    MemoryArtifactStore.layerMemory,
    MemoryRenderer.layerMemory,
    MemoryMailer.layerMemory,
    MemoryCertificateLinks.layerMemory,
    MemoryPaymentGateways.layerMemory,
    layerTestClock,
    Digest.layerWebCrypto
  )

/** The operator-side ports in memory (actions, corrections, credentials, jobs), next to `layerMemoryAll`. */
export const layerMemoryOperations = (jobs?: Parameters<typeof MemoryJobsAdmin.layerMemory>[0]) =>
  Layer.mergeAll(
    MemoryOperatorActions.layerMemory,
    MemoryCertificateCorrections.layerMemory,
    MemoryCertificateCredentials.layerMemory,
    MemoryJobsAdmin.layerMemory(jobs)
  )
