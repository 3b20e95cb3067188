import { Effect, Option } from "effect"
import { PaymentNotFound, PaymentNotSucceeded } from "../errors/LedgerErrors.ts"
import { currentState } from "../ledger/commitTransition.ts"
import {
  PaymentLedger,
  type TransitionCause,
  transitionCertificate,
  transitionEntitlement
} from "../ledger/subjects.ts"
import { entitlesLearner } from "../machines/PaymentMachine.ts"
import { Certificate } from "../model/Certificate.ts"
import { Entitlement } from "../model/Entitlement.ts"
import type { PaymentId } from "../model/Ids.ts"
import { Catalog } from "../ports/Catalog.ts"
import { Certificates } from "../ports/Certificates.ts"
import { Clock } from "../ports/Clock.ts"
import { EmailDeliveries } from "../ports/EmailDeliveries.ts"
import { Entitlements } from "../ports/Entitlements.ts"
import { IdGenerator } from "../ports/IdGenerator.ts"
import { JobQueue } from "../ports/JobQueue.ts"
import { Payments } from "../ports/Payments.ts"
import { emailKey } from "./sendCertificateEmail.ts"

export const TEMPLATE = { id: "classic", version: 1 } as const

/**
 * Grants the certificate entitlement a succeeded payment unlocks, creates its one certificate and
 * schedules the rendering. Both creations are unique inserts, so a retry finds what the first run made;
 * the entitlement keeps the id of the payment that first unlocked it.
 */
export const grantEntitlement = Effect.fn("grantEntitlement")(function* (
  paymentId: PaymentId,
  by: TransitionCause
) {
  const payment = yield* Effect.flatMap(
    Payments.use((p) => p.find(paymentId)),
    Option.match({
      onNone: () => Effect.fail(new PaymentNotFound({ reference: paymentId })),
      onSome: Effect.succeed
    })
  )
  // Decide from the log, not the projection: a crash may have left the projection behind.
  const { state: status } = yield* currentState(PaymentLedger, paymentId)
  if (!entitlesLearner(status)) return yield* new PaymentNotSucceeded({ paymentId, status })

  const now = yield* Clock.use((clock) => clock.now)
  const ids = yield* IdGenerator
  const { entitlement } = yield* Entitlements.use((entitlements) =>
    Effect.flatMap(ids.entitlementId, (entitlementId) =>
      entitlements.create(
        new Entitlement({
          entitlementId,
          learnerId: payment.learnerId,
          courseId: payment.courseId,
          kind: "certificate",
          paymentId,
          status: "none",
          version: 0,
          createdAt: now
        })
      )
    )
  )
  const granted = yield* transitionEntitlement(
    entitlement.entitlementId,
    { _tag: "EntitlementGranted", paymentId },
    by
  )
  if (granted.state !== "granted") return { entitlement, certificate: undefined }

  const catalog = yield* Catalog
  const completion = yield* catalog.completion(payment.learnerId, payment.courseId)
  const course = yield* catalog.course(payment.courseId)
  if (Option.isNone(completion))
    return yield* Effect.die(`completion of ${payment.courseId} vanished for ${payment.learnerId}`)
  const { certificate } = yield* Certificates.use((certificates) =>
    Effect.flatMap(ids.certificateId, (certificateId) =>
      certificates.create(
        new Certificate({
          certificateId,
          entitlementId: entitlement.entitlementId,
          learnerId: payment.learnerId,
          courseId: payment.courseId,
          printedName: completion.value.printedName,
          courseTitle: Option.match(course, { onNone: () => payment.courseId, onSome: (c) => c.title }),
          completedOn: completion.value.completedOn,
          templateId: TEMPLATE.id,
          templateVersion: TEMPLATE.version,
          status: "pending",
          currentVersion: 1,
          attempts: 0,
          versions: [],
          version: 0,
          createdAt: now
        })
      )
    )
  )
  const requested = yield* transitionCertificate(
    certificate.certificateId,
    { _tag: "CertificateRequested" },
    by
  )
  // A repeat grant (every later event of a paid purchase settles again) schedules nothing once the
  // certificate is issued and emailed; until then the issue job finishes or resumes the delivery.
  const state = requested.state
  const delivered =
    state._tag === "Issued" &&
    (yield* EmailDeliveries.use((d) => d.wasSent(emailKey(certificate.certificateId, state.version))))
  if (!delivered)
    yield* JobQueue.use((jobs) =>
      jobs.enqueue({ _tag: "IssueCertificate", entitlementId: entitlement.entitlementId })
    )
  return { entitlement, certificate }
})
