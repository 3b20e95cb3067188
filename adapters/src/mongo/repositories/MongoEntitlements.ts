import { Entitlement, EntitlementLedger, Entitlements, SubjectRef } from "@certify/domain"
import { Effect, Layer, Option } from "effect"
import { decodeDocument, encodeDocument } from "../documents.ts"
import { insertUnique, modelsOf, query } from "../model.ts"
import { makeSubjectLog, projectUntilCurrent } from "./SubjectLog.ts"

const decode = decodeDocument(Entitlement, "entitlements")

export const layer = Layer.effect(
  Entitlements,
  Effect.gen(function* () {
    const { Entitlement: entitlements } = yield* modelsOf("Entitlement")
    const log = yield* makeSubjectLog
    const findOne = (filter: Record<string, unknown>) =>
      query(() => entitlements.findOne(filter).lean<Record<string, unknown>>().exec()).pipe(
        Effect.map((doc) => (doc ? Option.some(decode(doc)) : Option.none()))
      )
    return Entitlements.of({
      // Unique on (learner, course, kind): the loser of a race reads the winner's entitlement.
      create: (draft) =>
        Effect.gen(function* () {
          if (yield* insertUnique(entitlements, encodeDocument(Entitlement, draft, draft.entitlementId))) {
            return { entitlement: draft, created: true }
          }
          const existing = yield* findOne({
            learnerId: draft.learnerId,
            courseId: draft.courseId,
            kind: draft.kind
          })
          if (Option.isNone(existing))
            return yield* Effect.die(`entitlement ${draft.entitlementId} collided but none exists`)
          return { entitlement: existing.value, created: false }
        }),
      find: (entitlementId) => findOne({ _id: entitlementId }),
      findFor: (learnerId, courseId, kind) => findOne({ learnerId, courseId, kind }),
      listByLearner: (learnerId) =>
        query(() => entitlements.find({ learnerId }).lean<Array<Record<string, unknown>>>().exec()).pipe(
          Effect.map((docs) => docs.map(decode))
        ),
      // Not atomic on FerretDB: repaired from the log while the log is ahead (SubjectLog.ts).
      project: (entitlementId, status, version) =>
        projectUntilCurrent(
          { status, version },
          (projection) =>
            Effect.asVoid(
              query(() =>
                entitlements
                  .updateOne(
                    { _id: entitlementId, version: { $lt: projection.version } },
                    { $set: projection }
                  )
                  .exec()
              )
            ),
          (seq) => log.hasEntry(new SubjectRef({ type: "entitlement", id: entitlementId }), seq),
          Effect.map(log.replayed(EntitlementLedger, entitlementId), ({ state, version }) => ({
            status: state,
            version
          }))
        )
    })
  })
)
