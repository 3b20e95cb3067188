import { Context, type Effect, Schema } from "effect"
import { Gateway } from "../model/Gateway.ts"
import { CertificateId, EntitlementId, GatewayEventId, PaymentId } from "../model/Ids.ts"

export const ProcessGatewayEvent = Schema.TaggedStruct("ProcessGatewayEvent", {
  gateway: Gateway,
  eventId: GatewayEventId
})
export const IssueCertificate = Schema.TaggedStruct("IssueCertificate", { entitlementId: EntitlementId })
export const SendCertificateEmail = Schema.TaggedStruct("SendCertificateEmail", {
  certificateId: CertificateId,
  version: Schema.Int
})
/** After an operator's refund call: asks the gateway until it reports the payment refunded. */
export const ConfirmRefund = Schema.TaggedStruct("ConfirmRefund", { paymentId: PaymentId })
export const Job = Schema.Union([ProcessGatewayEvent, IssueCertificate, SendCertificateEmail, ConfirmRefund])
export type Job = typeof Job.Type

/** One job per key: enqueueing the same work twice schedules it once. */
export const jobKey = (job: Job): string => {
  switch (job._tag) {
    case "ProcessGatewayEvent":
      return `process-gateway-event:${job.gateway}:${job.eventId}`
    case "IssueCertificate":
      return `issue-certificate:${job.entitlementId}`
    case "SendCertificateEmail":
      return `send-certificate-email:${job.certificateId}:v${job.version}`
    case "ConfirmRefund":
      return `confirm-refund:${job.paymentId}`
  }
}

/** Background work that can be retried. Every job is safe to run twice, even at once. */
export class JobQueue extends Context.Service<
  JobQueue,
  {
    readonly enqueue: (job: Job) => Effect.Effect<void>
  }
>()("certify/domain/ports/JobQueue") {}
