import { Context, type Effect, Schema } from "effect"
import { Gateway } from "../model/Gateway.ts"
import { CertificateId, EntitlementId, GatewayEventId } from "../model/Ids.ts"

export const ProcessGatewayEvent = Schema.TaggedStruct("ProcessGatewayEvent", {
  gateway: Gateway,
  eventId: GatewayEventId
})
export const IssueCertificate = Schema.TaggedStruct("IssueCertificate", { entitlementId: EntitlementId })
export const SendCertificateEmail = Schema.TaggedStruct("SendCertificateEmail", {
  certificateId: CertificateId,
  version: Schema.Int
})
export const Job = Schema.Union([ProcessGatewayEvent, IssueCertificate, SendCertificateEmail])
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
  }
}

/** Background work that can be retried. Every job is safe to run twice, even at once. */
export class JobQueue extends Context.Service<
  JobQueue,
  {
    readonly enqueue: (job: Job) => Effect.Effect<void>
  }
>()("certify/domain/ports/JobQueue") {}
