import { Clock, CertificateOffer, Course, CourseCompletion, Learner, Catalog } from "@certify/domain"
import {
  demoCatalog,
  MemoryArtifactStore,
  MemoryCertificateLinks,
  MemoryIdGenerator,
  MemoryJobQueue,
  MemoryMailer,
  MemoryPaymentGateways,
  MemoryRenderer
} from "@certify/domain/testing"
import { Effect, Layer } from "effect"
import { Digest } from "effect/crypto"
import { seedCatalog } from "../mongo/repositories/MongoCatalog.ts"
import { testLedger } from "./testDatabase.ts"

/** Seeds the demo learners, courses, offers and completions into the database ledger. */
export const seedDemoCatalog = Effect.gen(function* () {
  yield* seedCatalog({
    learners: demoCatalog.learners.map((l) => new Learner(l)),
    courses: demoCatalog.courses.map((c) => new Course(c)),
    offers: demoCatalog.offers.map((o) => new CertificateOffer(o))
  })
  const catalog = yield* Catalog
  for (const completion of demoCatalog.completions) yield* catalog.recordCompletion(new CourseCompletion(completion))
})

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
    Clock.layer,
    Digest.layerWebCrypto
  )
}
