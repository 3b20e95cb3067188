import { Schema } from "effect"
import { CertificateEvent } from "../machines/CertificateMachine.ts"
import { EntitlementEvent } from "../machines/EntitlementMachine.ts"
import { PaymentEvent } from "../machines/PaymentMachine.ts"
import { Actor, Cause } from "./Actor.ts"

export const SubjectType = Schema.Literals(["payment", "entitlement", "certificate"])

export class SubjectRef extends Schema.Class<SubjectRef>("SubjectRef")({
  type: SubjectType,
  id: Schema.String
}) {}

export const TransitionEvent = Schema.Union([PaymentEvent, EntitlementEvent, CertificateEvent])
export type TransitionEvent = typeof TransitionEvent.Type

export const GENESIS_HASH = "0".repeat(64)

/**
 * One applied transition. The audit log *is* each subject's transition log:
 * `seq` is unique per subject, and each entry's hash covers its content and the previous
 * entry's hash, so editing or deleting an entry breaks the chain.
 */
export class AuditEntry extends Schema.Class<AuditEntry>("AuditEntry")({
  subject: SubjectRef,
  seq: Schema.Int.check(Schema.isGreaterThan(0)),
  event: TransitionEvent,
  from: Schema.String,
  to: Schema.String,
  actor: Actor,
  cause: Cause,
  at: Schema.Date,
  prevHash: Schema.String,
  hash: Schema.String
}) {}
