import { Effect, Option, Schema } from "effect"
import { type ChainReport, verifyChain } from "../audit/AuditChain.ts"
import { SubjectRef } from "../model/AuditEntry.ts"
import { CertificateId, EntitlementId, PaymentId } from "../model/Ids.ts"
import { AuditLog } from "../ports/AuditLog.ts"
import { Certificates } from "../ports/Certificates.ts"
import { Entitlements } from "../ports/Entitlements.ts"
import { Payments } from "../ports/Payments.ts"

const versionOf = <A extends { readonly version: number }>(found: Option.Option<A>) =>
  Option.match(found, { onNone: () => undefined, onSome: (doc) => doc.version })

const findWith = <I, A extends { readonly version: number }>(
  schema: Schema.Codec<I, unknown>,
  id: string,
  find: (id: I) => Effect.Effect<Option.Option<A>>
) =>
  Option.match(Schema.decodeUnknownOption(schema)(id), {
    onNone: () => Effect.succeed(undefined),
    onSome: (decoded) => Effect.map(find(decoded), versionOf)
  })

/**
 * The version a subject's document records: its chain must reach at least that far. Without it,
 * deleting a subject's newest entry would leave a chain that checks clean.
 */
export const recordedVersion = (subject: SubjectRef) => {
  switch (subject.type) {
    case "payment":
      return Payments.use((p) => findWith(PaymentId, subject.id, p.find))
    case "entitlement":
      return Entitlements.use((e) => findWith(EntitlementId, subject.id, e.find))
    case "certificate":
      return Certificates.use((c) => findWith(CertificateId, subject.id, c.find))
  }
}

/** Checks one subject's hash chain against the version its document records. */
export const verifySubjectChain = Effect.fn("verifySubjectChain")(function* (
  subjectType: SubjectRef["type"],
  id: string
) {
  const subject = new SubjectRef({ type: subjectType, id })
  const entries = yield* AuditLog.use((log) => log.history(subject))
  const report: ChainReport = yield* verifyChain(
    `${subjectType}:${id}`,
    entries,
    yield* recordedVersion(subject)
  )
  return report
})
