import { Schema } from "effect"
import { EntitlementStatus } from "../machines/EntitlementMachine.ts"
import { CourseId, EntitlementId, LearnerId, PaymentId } from "./Ids.ts"

export const EntitlementKind = Schema.Literals(["certificate"])
export type EntitlementKind = typeof EntitlementKind.Type

/** What the learner bought: "certificate of course X for learner Y". A payment only unlocks it. */
export class Entitlement extends Schema.Class<Entitlement>("Entitlement")({
  entitlementId: EntitlementId,
  learnerId: LearnerId,
  courseId: CourseId,
  kind: EntitlementKind,
  /** The payment that unlocked it. */
  paymentId: PaymentId,
  status: EntitlementStatus,
  version: Schema.Int,
  createdAt: Schema.Date
}) {}
