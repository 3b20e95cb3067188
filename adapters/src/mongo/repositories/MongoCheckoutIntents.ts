import { CheckoutIntent, CheckoutIntents } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"

const decode = decodeDocument(CheckoutIntent, "checkout_intents")

/** _id is the natural key (learner, course, offer): concurrent first clicks race on one insert. */
export const layer = Layer.effect(
  CheckoutIntents,
  Effect.gen(function* () {
    const { CheckoutIntent: intents } = yield* modelsOf("CheckoutIntent")
    const keyOf = (intent: CheckoutIntent) => `${intent.learnerId}|${intent.courseId}|${intent.offerId}`
    return CheckoutIntents.of({
      openOrGet: (draft) =>
        Effect.gen(function* () {
          if (yield* insertUnique(intents, encodeDocument(CheckoutIntent, draft, keyOf(draft)))) {
            return { intent: draft, created: true }
          }
          const existing = yield* query(() =>
            intents.findById(keyOf(draft)).lean<Record<string, unknown>>().exec()
          )
          if (!existing)
            return yield* Effect.die(`checkout intent ${keyOf(draft)} reported as duplicate but not found`)
          return { intent: decode(existing), created: false }
        }),
      find: (intentId) =>
        query(() => intents.findOne({ intentId }).lean<Record<string, unknown>>().exec()).pipe(
          Effect.map((doc) => (doc ? Option.some(decode(doc)) : Option.none()))
        )
    })
  })
)
