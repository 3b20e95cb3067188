import { Schema } from "effect"

// Ids arrive from URLs, webhooks and job payloads: a strict alphabet keeps them safe in keys and logs.
const idPattern = /^[A-Za-z0-9_-]{1,80}$/
const Identifier = (name: string) =>
  Schema.String.check(
    Schema.isPattern(idPattern, { message: `${name} must be 1-80 characters of A-Z, a-z, 0-9, _ or -` })
  )

export const LearnerId = Identifier("LearnerId").pipe(Schema.brand("LearnerId"))
export type LearnerId = typeof LearnerId.Type

export const CourseId = Identifier("CourseId").pipe(Schema.brand("CourseId"))
export type CourseId = typeof CourseId.Type

export const OfferId = Identifier("OfferId").pipe(Schema.brand("OfferId"))
export type OfferId = typeof OfferId.Type

export const IntentId = Identifier("IntentId").pipe(Schema.brand("IntentId"))
export type IntentId = typeof IntentId.Type

export const PaymentId = Identifier("PaymentId").pipe(Schema.brand("PaymentId"))
export type PaymentId = typeof PaymentId.Type

export const EntitlementId = Identifier("EntitlementId").pipe(Schema.brand("EntitlementId"))
export type EntitlementId = typeof EntitlementId.Type

/** A gateway's own event id (Stripe `evt_…`, Razorpay `x-razorpay-event-id`). */
export const GatewayEventId = Identifier("GatewayEventId").pipe(Schema.brand("GatewayEventId"))
export type GatewayEventId = typeof GatewayEventId.Type

/**
 * Public certificate id: 16 Crockford base32 characters (80 bits from a CSPRNG),
 * grouped by four so a person can type it from paper.
 */
export const CertificateId = Schema.String.check(
  Schema.isPattern(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/, {
    message: "CertificateId must look like XXXX-XXXX-XXXX-XXXX (Crockford base32)"
  })
).pipe(Schema.brand("CertificateId"))
export type CertificateId = typeof CertificateId.Type

export const RequestId = Identifier("RequestId").pipe(Schema.brand("RequestId"))
export type RequestId = typeof RequestId.Type

export const JobId = Identifier("JobId").pipe(Schema.brand("JobId"))
export type JobId = typeof JobId.Type

export const OperatorId = Identifier("OperatorId").pipe(Schema.brand("OperatorId"))
export type OperatorId = typeof OperatorId.Type
