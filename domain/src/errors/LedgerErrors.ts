import { Schema } from "effect"

export class PaymentNotFound extends Schema.TaggedError<PaymentNotFound>()("PaymentNotFound", {
  reference: Schema.String
}) {
  override get message() {
    return `no payment matches ${this.reference}`
  }
}

export class PaymentNotSucceeded extends Schema.TaggedError<PaymentNotSucceeded>()("PaymentNotSucceeded", {
  paymentId: Schema.String,
  status: Schema.String
}) {
  override get message() {
    return `payment ${this.paymentId} is ${this.status}, not succeeded: no entitlement`
  }
}

export class EntitlementNotFound extends Schema.TaggedError<EntitlementNotFound>()("EntitlementNotFound", {
  reference: Schema.String
}) {}

/** Public: the same answer for "never existed" and "malformed", so ids cannot be probed. */
export class CertificateNotFound extends Schema.TaggedError<CertificateNotFound>()(
  "CertificateNotFound",
  {}
) {
  override get message() {
    return "no certificate has this id"
  }
}

export class InboxEventNotFound extends Schema.TaggedError<InboxEventNotFound>()("InboxEventNotFound", {
  gateway: Schema.String,
  eventId: Schema.String
}) {}

/** Another writer appended this subject's next entry first; re-read and re-decide. */
export class AuditSequenceTaken extends Schema.TaggedError<AuditSequenceTaken>()("AuditSequenceTaken", {
  subjectId: Schema.String,
  seq: Schema.Int
}) {}

/** Re-deciding kept losing races: the job retries later. */
export class TransitionContention extends Schema.TaggedError<TransitionContention>()("TransitionContention", {
  subjectId: Schema.String
}) {}
