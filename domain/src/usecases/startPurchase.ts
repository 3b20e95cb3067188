import { Effect, Option, Schema } from "effect"
import { InvalidInput } from "../errors/InputErrors.ts"
import {
  CourseNotCompleted,
  EntitlementAlreadyGranted,
  EntitlementRevokedForCourse,
  OfferNotFound,
  PriceUnavailable,
  PurchaseAlreadyPaid
} from "../errors/PurchaseErrors.ts"
import { transitionPayment } from "../ledger/subjects.ts"
import { entitlesLearner } from "../machines/PaymentMachine.ts"
import { Actor, Cause } from "../model/Actor.ts"
import { defaultCurrency, Gateway } from "../model/Gateway.ts"
import { CourseId, LearnerId, PaymentId, RequestId } from "../model/Ids.ts"
import { CheckoutIntent, Payment } from "../model/Payment.ts"
import { Catalog } from "../ports/Catalog.ts"
import { CheckoutIntents } from "../ports/CheckoutIntents.ts"
import { Clock } from "../ports/Clock.ts"
import { Entitlements } from "../ports/Entitlements.ts"
import { IdGenerator } from "../ports/IdGenerator.ts"
import { CheckoutRequest, PaymentGateways } from "../ports/PaymentGateways.ts"
import { Payments } from "../ports/Payments.ts"
import { decodeInput } from "./decodeInput.ts"

export class StartPurchaseInput extends Schema.Class<StartPurchaseInput>("StartPurchaseInput")({
  learnerId: LearnerId,
  courseId: CourseId,
  gateway: Gateway,
  requestId: RequestId
}) {}

export interface PurchaseStarted {
  readonly intentId: string
  readonly paymentId: PaymentId
  readonly gateway: Gateway
  readonly checkoutUrl: string
  /** True when an open checkout was returned instead of a new one. */
  readonly reused: boolean
}

// A failed card attempt leaves the checkout open, so the learner retries on the same payment.
const reusable = (payment: Payment, gateway: Gateway) =>
  payment.gateway === gateway &&
  (payment.status === "created" || payment.status === "pending" || payment.status === "failed")

const paymentIdFor = (intentId: string, gateway: Gateway, attempt: number) =>
  Schema.decodeUnknownSync(PaymentId)(`${intentId}_${gateway}_${attempt}`)

/**
 * Starts (or resumes) a learner's purchase of a course certificate. Idempotent per learner and course:
 * concurrent calls converge on one intent and one payment through unique inserts, and the
 * gateway gets a deterministic idempotency key, so a double click never opens two checkouts.
 */
export const startPurchase = Effect.fn("startPurchase")(function* (raw: unknown) {
  const input = yield* decodeInput(StartPurchaseInput, raw, "purchase request")
  const catalog = yield* Catalog
  const learner = yield* Effect.flatMap(
    catalog.learner(input.learnerId),
    Option.match({
      onNone: () => Effect.fail(new InvalidInput({ subject: "learnerId", message: "unknown learner" })),
      onSome: Effect.succeed
    })
  )
  const completion = yield* catalog.completion(input.learnerId, input.courseId)
  if (Option.isNone(completion)) {
    return yield* new CourseNotCompleted({ learnerId: input.learnerId, courseId: input.courseId })
  }
  const existing = yield* Entitlements.use((e) => e.findFor(input.learnerId, input.courseId, "certificate"))
  if (Option.isSome(existing)) {
    const owned = {
      learnerId: input.learnerId,
      courseId: input.courseId,
      entitlementId: existing.value.entitlementId
    }
    return yield* existing.value.status === "revoked"
      ? new EntitlementRevokedForCourse(owned)
      : new EntitlementAlreadyGranted(owned)
  }
  const offer = yield* Effect.flatMap(
    catalog.offerForCourse(input.courseId),
    Option.match({
      onNone: () => Effect.fail(new OfferNotFound({ courseId: input.courseId })),
      onSome: Effect.succeed
    })
  )
  const price = offer.priceFor(input.gateway)
  if (price === undefined) {
    return yield* new PriceUnavailable({
      courseId: input.courseId,
      gateway: input.gateway,
      currency: defaultCurrency[input.gateway]
    })
  }
  const course = yield* Effect.map(catalog.course(input.courseId), Option.getOrUndefined)
  const now = yield* Clock.use((clock) => clock.now)

  const { intent } = yield* CheckoutIntents.use((intents) =>
    Effect.flatMap(
      IdGenerator.use((ids) => ids.intentId),
      (intentId) =>
        intents.openOrGet(
          new CheckoutIntent({
            intentId,
            learnerId: input.learnerId,
            courseId: input.courseId,
            offerId: offer.offerId,
            createdAt: now
          })
        )
    )
  )

  const payments = yield* Payments
  const attempts = yield* payments.listByIntent(intent.intentId)
  const paid = attempts.find((payment) => entitlesLearner(payment.status))
  if (paid !== undefined) return yield* new PurchaseAlreadyPaid({ paymentId: paid.paymentId })

  let payment = attempts.find((candidate) => reusable(candidate, input.gateway))
  if (payment === undefined) {
    const attempt = attempts.filter((candidate) => candidate.gateway === input.gateway).length + 1
    const draft = new Payment({
      paymentId: paymentIdFor(intent.intentId, input.gateway, attempt),
      intentId: intent.intentId,
      learnerId: input.learnerId,
      courseId: input.courseId,
      offerId: offer.offerId,
      gateway: input.gateway,
      attempt,
      amount: price,
      status: "created",
      version: 0,
      createdAt: now
    })
    // Losing the insert race means a concurrent click created the same attempt: use theirs.
    yield* payments.insert(draft)
    payment = Option.getOrElse(yield* payments.find(draft.paymentId), () => draft)
  }
  if (payment.checkoutUrl !== undefined && payment.checkoutRef !== undefined) {
    return {
      intentId: intent.intentId,
      paymentId: payment.paymentId,
      gateway: payment.gateway,
      checkoutUrl: payment.checkoutUrl,
      reused: true
    } satisfies PurchaseStarted
  }

  const session = yield* PaymentGateways.use((gateways) =>
    gateways.createCheckout(
      new CheckoutRequest({
        paymentId: payment.paymentId,
        intentId: intent.intentId,
        gateway: payment.gateway,
        amount: payment.amount,
        learnerId: input.learnerId,
        learnerEmail: learner.email,
        courseId: input.courseId,
        courseTitle: course?.title ?? input.courseId
      })
    )
  )
  yield* payments.attachCheckout(payment.paymentId, session.checkoutRef, session.url)
  yield* transitionPayment(
    payment.paymentId,
    { _tag: "CheckoutOpened", checkoutRef: session.checkoutRef },
    {
      actor: new Actor({ kind: "learner", id: input.learnerId }),
      cause: new Cause({ kind: "request", id: input.requestId })
    }
  )
  return {
    intentId: intent.intentId,
    paymentId: payment.paymentId,
    gateway: payment.gateway,
    checkoutUrl: session.url,
    reused: false
  } satisfies PurchaseStarted
})
