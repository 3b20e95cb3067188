import { Catalog, demoCatalog } from "@certify/domain"
import { Effect } from "effect"
import { seedCatalog } from "./repositories/MongoCatalog.ts"

/** The embedded default's demo learners, courses, offers and completions. Idempotent. */
export const seedDemoCatalog = Effect.gen(function* () {
  yield* seedCatalog(demoCatalog)
  const catalog = yield* Catalog
  for (const completion of demoCatalog.completions) yield* catalog.recordCompletion(completion)
})
