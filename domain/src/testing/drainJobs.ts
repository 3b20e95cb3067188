import { Effect } from "effect"
import { Actor, Cause } from "../model/Actor.ts"
import { type Job, jobKey } from "../ports/JobQueue.ts"
import { applyGatewayEvent } from "../usecases/applyGatewayEvent.ts"
import { issueCertificate } from "../usecases/issueCertificate.ts"
import { sendCertificateEmail } from "../usecases/sendCertificateEmail.ts"
import { EnqueuedJobs } from "./memory/MemoryJobQueue.ts"

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
  }
}

/** Runs queued jobs until none are left: the in-memory stand-in for the workers reaching quiescence. */
export const drainJobs = Effect.gen(function* () {
  const queue = yield* EnqueuedJobs
  const outcomes: Array<string> = []
  for (let round = 0; round < 100; round++) {
    const jobs = yield* queue.takeAll
    if (jobs.length === 0) return outcomes
    for (const job of jobs) outcomes.push(`${jobKey(job)} => ${yield* runJob(job)}`)
  }
  return yield* Effect.die("jobs kept enqueueing more jobs for 100 rounds")
})
