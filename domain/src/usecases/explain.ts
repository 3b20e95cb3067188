import { Effect } from "effect"
import { verifyChain } from "../audit/AuditChain.ts"
import { SubjectRef } from "../model/AuditEntry.ts"
import { AuditLog } from "../ports/AuditLog.ts"
import { recordedVersion } from "./verifySubjectChain.ts"

/**
 * The audit trail of a payment, entitlement or certificate, with its hash chain checked against the
 * version the subject's document records (so a deleted newest entry shows as a break).
 */
export const explain = Effect.fn("explain")(function* (type: SubjectRef["type"], id: string) {
  const subject = new SubjectRef({ type, id })
  const entries = yield* AuditLog.use((log) => log.history(subject))
  const chain = yield* verifyChain(id, entries, yield* recordedVersion(subject))
  return { subject, entries, chain }
})
