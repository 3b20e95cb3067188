import { Actor, Cause } from "../model/Actor.ts"
import { type Job, jobKey } from "../ports/JobQueue.ts"
import { applyGatewayEvent } from "./applyGatewayEvent.ts"
import { confirmRefund } from "./confirmRefund.ts"
import { issueCertificate } from "./issueCertificate.ts"
import { sendCertificateEmail } from "./sendCertificateEmail.ts"

/** The use case one queued job stands for, run as the worker: what the job workers and the in-memory drain both call. */
export const runJob = (job: Job) => {
  const by = {
    actor: new Actor({ kind: "system", id: "worker" }),
    cause: new Cause({ kind: "job", id: jobKey(job) })
  }
  switch (job._tag) {
    case "ProcessGatewayEvent":
      return applyGatewayEvent(job.gateway, job.eventId)
    case "IssueCertificate":
      return issueCertificate(job.entitlementId, by)
    case "SendCertificateEmail":
      return sendCertificateEmail(job.certificateId, job.version)
    case "ConfirmRefund":
      return confirmRefund(job.paymentId)
  }
}
