import { Context, type Effect, type Option } from "effect"
import type { EntitlementStatus } from "../machines/EntitlementMachine.ts"
import type { Entitlement, EntitlementKind } from "../model/Entitlement.ts"
import type { CourseId, EntitlementId, LearnerId } from "../model/Ids.ts"

/** Unique on (learner, course, kind): a retry can never create a second entitlement. */
export class Entitlements extends Context.Service<
  Entitlements,
  {
    readonly create: (
      draft: Entitlement
    ) => Effect.Effect<{ readonly entitlement: Entitlement; readonly created: boolean }>
    readonly find: (entitlementId: EntitlementId) => Effect.Effect<Option.Option<Entitlement>>
    readonly findFor: (
      learnerId: LearnerId,
      courseId: CourseId,
      kind: EntitlementKind
    ) => Effect.Effect<Option.Option<Entitlement>>
    readonly listByLearner: (learnerId: LearnerId) => Effect.Effect<ReadonlyArray<Entitlement>>
    readonly project: (
      entitlementId: EntitlementId,
      status: EntitlementStatus,
      version: number
    ) => Effect.Effect<void>
  }
>()("certify/domain/ports/Entitlements") {}
