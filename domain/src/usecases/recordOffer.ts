import { Effect } from "effect"
import { CertificateOffer } from "../model/Catalog.ts"
import { Catalog } from "../ports/Catalog.ts"
import { decodeInput } from "./decodeInput.ts"

/**
 * Records a course's certificate offer as the learning platform reports it. The offer is decoded
 * first, so an unknown currency, a non-positive or fractional amount, or two prices in one currency
 * is refused with InvalidInput and nothing is stored. One offer per course: the first one stands.
 */
export const recordOffer = Effect.fn("recordOffer")(function* (raw: unknown) {
  const offer = yield* decodeInput(CertificateOffer, raw, "certificate offer")
  return yield* Catalog.use((catalog) => catalog.recordOffer(offer))
})
