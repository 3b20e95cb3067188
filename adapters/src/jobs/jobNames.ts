import { Job, jobKey } from "@certify/domain"
import { Schema } from "effect"

/** Agenda job names for the domain's jobs; one definition per name in the worker. */
export const JOB_NAMES = {
  ProcessGatewayEvent: "process-gateway-event",
  IssueCertificate: "issue-certificate",
  SendCertificateEmail: "send-certificate-email",
  ConfirmRefund: "confirm-refund"
} as const satisfies Record<Job["_tag"], string>

/** Recurring jobs: one schedule each, whatever the number of workers. */
export const RECURRING_JOB_NAMES = {
  sweepInbox: "sweep-inbox",
  reconcileStripe: "reconcile-stripe",
  reconcileRazorpay: "reconcile-razorpay",
  janitor: "janitor"
} as const

/** What an Agenda job of a domain job stores: the idempotency key (queried) and the encoded job. */
export interface JobData {
  readonly key: string
  readonly job: typeof Job.Encoded
}

export const jobData = (job: Job): JobData => ({ key: jobKey(job), job: Schema.encodeSync(Job)(job) })

/** Throws on data that is not a domain job: that job can never succeed, so it is a permanent failure. */
export const decodeJobData = (data: unknown): Job =>
  Schema.decodeUnknownSync(Job)((data as Partial<JobData> | undefined)?.job)
