import { Effect, Option, Schema } from "effect"
import { SubjectRef } from "../model/AuditEntry.ts"
import type { Gateway } from "../model/Gateway.ts"
import { PaymentId, RequestId } from "../model/Ids.ts"
import { AuditLog } from "../ports/AuditLog.ts"
import { Certificates } from "../ports/Certificates.ts"
import { Entitlements } from "../ports/Entitlements.ts"
import { Payments } from "../ports/Payments.ts"
import { startPurchase } from "../usecases/startPurchase.ts"
import { courseId, learnerId } from "./fixtures.ts"

let requests = 0

/** A learner clicking "buy" on a course certificate. */
export const clickBuy = (learner: string, course: string, gateway: Gateway) =>
  startPurchase({
    learnerId: learner,
    courseId: course,
    gateway,
    requestId: Schema.decodeUnknownSync(RequestId)(`req_${++requests}`)
  })

/** What a learner and an auditor can see about one learner's certificate for one course. */
export const snapshotOf = (learner: string, course: string) =>
  Effect.gen(function* () {
    const entitlement = yield* Entitlements.use((e) =>
      e.findFor(learnerId(learner), courseId(course), "certificate")
    )
    const certificate = Option.isSome(entitlement)
      ? yield* Certificates.use((c) => c.findByEntitlement(entitlement.value.entitlementId))
      : Option.none()
    return {
      entitlement: Option.getOrUndefined(entitlement),
      certificate: Option.getOrUndefined(certificate)
    }
  })

export const paymentOf = (paymentId: string) =>
  Effect.map(
    Payments.use((p) => p.find(Schema.decodeUnknownSync(PaymentId)(paymentId))),
    Option.getOrThrow
  )

export const historyOf = (type: SubjectRef["type"], id: string) =>
  AuditLog.use((log) => log.history(new SubjectRef({ type, id })))
