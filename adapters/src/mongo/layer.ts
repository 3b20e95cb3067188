import { Layer } from "effect"
import { MongoConnection, type MongoOptions } from "./MongoConnection.ts"
import * as MongoAuditLog from "./repositories/MongoAuditLog.ts"
import * as MongoCatalog from "./repositories/MongoCatalog.ts"
import * as MongoCertificateCorrections from "./repositories/MongoCertificateCorrections.ts"
import * as MongoCertificates from "./repositories/MongoCertificates.ts"
import * as MongoCheckoutIntents from "./repositories/MongoCheckoutIntents.ts"
import * as MongoEmailDeliveries from "./repositories/MongoEmailDeliveries.ts"
import * as MongoEntitlements from "./repositories/MongoEntitlements.ts"
import * as MongoGatewayEventInbox from "./repositories/MongoGatewayEventInbox.ts"
import * as MongoManualReview from "./repositories/MongoManualReview.ts"
import * as MongoOperatorActions from "./repositories/MongoOperatorActions.ts"
import * as MongoOperatorReads from "./repositories/MongoOperatorReads.ts"
import * as MongoPayments from "./repositories/MongoPayments.ts"
import * as MongoReconciliation from "./repositories/MongoReconciliation.ts"

/** Every ledger port on MongoDB (FerretDB locally), over one connection. */
export const layerLedger = Layer.mergeAll(
  MongoAuditLog.layer,
  MongoPayments.layer,
  MongoCheckoutIntents.layer,
  MongoGatewayEventInbox.layer,
  MongoEntitlements.layer,
  MongoCertificates.layer,
  MongoManualReview.layer,
  MongoEmailDeliveries.layer,
  MongoCatalog.layer,
  MongoReconciliation.layerRuns,
  MongoReconciliation.layerJanitor,
  MongoOperatorActions.layer,
  MongoOperatorReads.layer,
  MongoCertificateCorrections.layer
)

export const layer = (options: MongoOptions) =>
  layerLedger.pipe(Layer.provideMerge(MongoConnection.layer(options)))
