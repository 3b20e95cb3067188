import {
  MemoryArtifactStore,
  MemoryCertificateLinks,
  MemoryIdGenerator,
  MemoryJobQueue,
  MemoryMailer,
  MemoryPaymentGateways,
  MemoryRenderer
} from "@certify/domain/testing"
import { Layer } from "effect"
import { Digest } from "effect/crypto"
import * as SystemClock from "../clock/SystemClock.ts"
import { seedDemoCatalog } from "../mongo/seedDemoCatalog.ts"
import { testLedger } from "./testDatabase.ts"

/** The use cases' services with the ledger on the real database and in-memory everything else. */
export const databasePipeline = (name: string) => {
  const ledger = testLedger(name)
  const seeded = Layer.effectDiscard(seedDemoCatalog).pipe(Layer.provide(ledger))
  return Layer.mergeAll(
    ledger,
    seeded,
    MemoryJobQueue.layerMemory,
    MemoryIdGenerator.layerMemory,
    MemoryArtifactStore.layerMemory,
    MemoryRenderer.layerMemory,
    MemoryMailer.layerMemory,
    MemoryCertificateLinks.layerMemory,
    MemoryPaymentGateways.layerMemory,
    SystemClock.layer,
    Digest.layerWebCrypto
  )
}
