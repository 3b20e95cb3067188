import { type CommandShapeTotals, MongoLedger, SystemClock } from "@certify/adapters"
import { layerCertificateCredentials, type SigningKey } from "@certify/adapters/credentials"
import { layerPaymentGateways } from "@certify/adapters/gateways"
import { layerCryptoIdGenerator } from "@certify/adapters/ids"
import { layerJobQueue, layerJobsAdmin, type makeAgenda } from "@certify/adapters/jobs"
import { layerCertificateLinks } from "@certify/adapters/links"
import { layerSmtpMailer } from "@certify/adapters/mail"
import { layerHttpRenderer } from "@certify/adapters/renderer"
import { layerArtifactStore, parseArtifactStoreKind } from "@certify/adapters/storage"
import { Layer } from "effect"
import { Digest } from "effect/crypto"
import { logger } from "../observability/logger.ts"
import { renderSeconds } from "../observability/metrics.ts"
import type { ProcessSettings } from "./settings.ts"

export type Agenda = Awaited<ReturnType<typeof makeAgenda>>

/** `{ commandProfile }` when DB_COMMAND_PROFILE_EVERY_MS asks for one: logs where `database`'s time goes. */
export const commandProfileOf = (settings: ProcessSettings, database: string) =>
  settings.commandProfileEveryMs === undefined
    ? {}
    : {
        commandProfile: {
          everyMs: settings.commandProfileEveryMs,
          report: (shapes: ReadonlyArray<CommandShapeTotals>) =>
            logger.info({ shapes }, `${database} time by command shape`)
        }
      }

/** Every port the use cases need, from the live adapters: the one place where the system is wired. */
export const makeAppLayer = (settings: ProcessSettings, agenda: Agenda, signingKey: SigningKey) =>
  Layer.mergeAll(
    layerArtifactStore({
      override: parseArtifactStoreKind(process.env.ARTIFACT_STORE),
      report: ({ store, reason }) => logger.info({ store, reason }, `artifact store: ${store} (${reason})`)
    }),
    layerPaymentGateways(settings.gateways),
    layerJobQueue(agenda),
    layerJobsAdmin(agenda),
    layerSmtpMailer(settings.mail),
    layerHttpRenderer({
      url: settings.rendererUrl,
      onRendered: (format, seconds) => renderSeconds.observe({ format }, seconds)
    }),
    layerCryptoIdGenerator,
    layerCertificateLinks({ publicBaseUrl: settings.app.publicBaseUrl, issuer: settings.issuer }),
    layerCertificateCredentials(signingKey),
    SystemClock.layer,
    Digest.layerWebCrypto
  ).pipe(
    Layer.provideMerge(
      MongoLedger.layer({
        uri: settings.mongodbUri,
        ...commandProfileOf(settings, "database")
      })
    ),
    // A missing unique index is a deployment error: the process must not start.
    Layer.orDie
  )
