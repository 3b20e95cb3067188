import { Schema } from "effect"

export class CourseNotCompleted extends Schema.TaggedError<CourseNotCompleted>()("CourseNotCompleted", {
  learnerId: Schema.String,
  courseId: Schema.String
}) {
  override get message() {
    return `learner ${this.learnerId} has not completed course ${this.courseId}`
  }
}

export class OfferNotFound extends Schema.TaggedError<OfferNotFound>()("OfferNotFound", {
  courseId: Schema.String
}) {
  override get message() {
    return `course ${this.courseId} has no certificate offer`
  }
}

export class PriceUnavailable extends Schema.TaggedError<PriceUnavailable>()("PriceUnavailable", {
  courseId: Schema.String,
  gateway: Schema.String,
  currency: Schema.String
}) {
  override get message() {
    return `no ${this.currency} price for course ${this.courseId} on ${this.gateway}`
  }
}

export class EntitlementAlreadyGranted extends Schema.TaggedError<EntitlementAlreadyGranted>()(
  "EntitlementAlreadyGranted",
  { learnerId: Schema.String, courseId: Schema.String, entitlementId: Schema.String }
) {
  override get message() {
    return `learner ${this.learnerId} already owns the certificate for course ${this.courseId}`
  }
}

export class EntitlementRevokedForCourse extends Schema.TaggedError<EntitlementRevokedForCourse>()(
  "EntitlementRevokedForCourse",
  { learnerId: Schema.String, courseId: Schema.String, entitlementId: Schema.String }
) {
  override get message() {
    return `the certificate for course ${this.courseId} was revoked; support can reinstate it`
  }
}

/** The gateway is down or its circuit is open: nothing was charged or half-created. */
export class PaymentUnavailable extends Schema.TaggedError<PaymentUnavailable>()("PaymentUnavailable", {
  gateway: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `payment through ${this.gateway} is unavailable: ${this.reason}`
  }
}

/** A payment of this intent already succeeded; the entitlement is on its way. */
export class PurchaseAlreadyPaid extends Schema.TaggedError<PurchaseAlreadyPaid>()("PurchaseAlreadyPaid", {
  paymentId: Schema.String
}) {
  override get message() {
    return `payment ${this.paymentId} already succeeded; the certificate is being prepared`
  }
}
