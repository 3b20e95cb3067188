import { certificateProjection, GatewayEventId, GatewayEventInbox, verifyChain } from "@certify/domain"
import { Effect, Option, Schema } from "effect"
import type { LedgerView } from "../ledgerView.ts"
import type { World } from "../World.ts"

/** (4) Documents agree with their logs, every chain verifies, and every entry's cause exists. */
export const checkAudit = (
  world: World,
  view: LedgerView,
  fail: (invariant: number, message: string) => void
) =>
  Effect.gen(function* () {
    const inbox = yield* GatewayEventInbox
    const subjects = [
      ...view.payments.map((p) => ({
        id: p.payment.paymentId,
        doc: p.payment,
        log: p.log,
        label: p.log.state
      })),
      ...view.entitlements.map((e) => ({
        id: e.entitlement.entitlementId,
        doc: e.entitlement,
        log: e.log,
        label: e.log.state
      })),
      ...view.certificates.map((c) => ({
        id: c.certificate.certificateId,
        doc: c.certificate,
        log: c.log,
        label: certificateProjection(c.log.state, c.log.version, undefined).status
      }))
    ]
    for (const subject of subjects) {
      if (subject.doc.version !== subject.log.version || subject.doc.status !== subject.label)
        fail(
          4,
          `${subject.id}: document ${subject.doc.status}@${subject.doc.version}, log ${subject.label}@${subject.log.version}`
        )
      const chain = yield* verifyChain(subject.id, subject.log.history, subject.doc.version)
      if (chain.breaks.length > 0) fail(4, `${subject.id}: chain breaks ${JSON.stringify(chain.breaks)}`)
      for (const entry of subject.log.history) {
        const { kind, id } = entry.cause
        const exists =
          kind === "gateway_event"
            ? Option.isSome(
                yield* inbox.get(
                  id.startsWith("stripe:") ? "stripe" : "razorpay",
                  Schema.decodeUnknownSync(GatewayEventId)(id.slice(id.indexOf(":") + 1))
                )
              )
            : kind === "request"
              ? world.requests.has(id)
              : kind === "job"
                ? world.scheduler.everEnqueued.has(id)
                : false
        if (!exists) fail(4, `${subject.id} seq ${entry.seq}: cause ${kind} ${id} does not exist`)
      }
    }
  })
