import {
  CertificateId,
  Certificates,
  Entitlements,
  explain,
  LearnerId,
  OperatorReads,
  type Payment,
  PaymentId,
  Payments
} from "@certify/domain"
import { Effect, Option, Schema } from "effect"
import type { CliRuntime } from "../cliRuntime.ts"
import { formatTimeline } from "../format/timeline.ts"

const decodes = <S extends Schema.Top>(schema: S, id: string) => Schema.is(schema)(id)

/** A payment, its entitlement and its certificate, each with its audit trail. */
const paymentStory = (payment: Payment) =>
  Effect.gen(function* () {
    const out: string[] = [
      `payment ${payment.paymentId}: ${payment.gateway} ${payment.amount.currency} ${payment.amount.amount} minor units, ` +
        `learner ${payment.learnerId}, course ${payment.courseId}, now ${payment.status}`
    ]
    const paymentTrail = yield* explain("payment", payment.paymentId)
    out.push(formatTimeline("  payment", paymentTrail.entries, paymentTrail.chain))
    const entitlement = yield* Entitlements.use((e) =>
      e.findFor(payment.learnerId, payment.courseId, "certificate")
    )
    if (Option.isSome(entitlement) && entitlement.value.paymentId === payment.paymentId) {
      const trail = yield* explain("entitlement", entitlement.value.entitlementId)
      out.push(formatTimeline(`  entitlement ${entitlement.value.entitlementId}`, trail.entries, trail.chain))
      const certificate = yield* Certificates.use((c) => c.findByEntitlement(entitlement.value.entitlementId))
      if (Option.isSome(certificate)) {
        const trail = yield* explain("certificate", certificate.value.certificateId)
        out.push(
          formatTimeline(
            `  certificate ${certificate.value.certificateId} (v${certificate.value.currentVersion})`,
            trail.entries,
            trail.chain
          )
        )
      }
    }
    return out.join("\n")
  })

/** `explain <payment|certificate|learner id>`: the audit trail as a readable timeline. */
export const explainCommand = (cli: CliRuntime, id: string) =>
  cli.runtime.runPromise(
    Effect.gen(function* () {
      if (decodes(PaymentId, id)) {
        const payment = yield* Payments.use((p) => p.find(id as PaymentId))
        if (Option.isSome(payment)) return yield* paymentStory(payment.value)
      }
      if (decodes(CertificateId, id)) {
        const certificate = yield* Certificates.use((c) => c.find(id as CertificateId))
        if (Option.isSome(certificate)) {
          const entitlement = yield* Entitlements.use((e) => e.find(certificate.value.entitlementId))
          if (Option.isSome(entitlement)) {
            const payment = yield* Payments.use((p) => p.find(entitlement.value.paymentId))
            if (Option.isSome(payment)) return yield* paymentStory(payment.value)
          }
        }
      }
      if (decodes(LearnerId, id)) {
        const payments = yield* OperatorReads.use((r) => r.paymentsByLearner(id as LearnerId, 100))
        if (payments.length > 0) {
          const stories = yield* Effect.forEach(payments, paymentStory)
          return [`learner ${id}: ${payments.length} payments`, ...stories].join("\n\n")
        }
      }
      return `nothing found for "${id}" (tried payment, certificate and learner ids)`
    })
  )
