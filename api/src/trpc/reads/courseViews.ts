import {
  Catalog,
  CertificateLinks,
  Certificates,
  defaultCurrency,
  Entitlements,
  Gateway,
  LearnerId,
  OperatorReads
} from "@certify/domain"
import { Effect, Option, Schema } from "effect"
import type { CourseView, PriceView } from "../views.ts"
import { purchaseStage } from "./purchaseStage.ts"
import { purchaseFacts } from "./purchaseView.ts"
import { certificateSummary } from "./toViews.ts"

const RECENT_PAYMENTS = 200

/** The learner's completed courses, each with its offer prices, latest purchase and certificate. */
export const courseViews = (learnerId: string) =>
  Effect.gen(function* () {
    const id = Schema.decodeUnknownOption(LearnerId)(learnerId)
    if (Option.isNone(id)) return []
    const catalog = yield* Catalog
    const links = yield* CertificateLinks
    const completions = yield* catalog.completionsOf(id.value)
    const payments = yield* OperatorReads.use((r) => r.paymentsByLearner(id.value, RECENT_PAYMENTS))
    const views: Array<CourseView> = []
    for (const completion of completions) {
      const course = Option.getOrUndefined(yield* catalog.course(completion.courseId))
      const offer = Option.getOrUndefined(yield* catalog.offerForCourse(completion.courseId))
      const prices: Array<PriceView> = Gateway.literals.flatMap((gateway) => {
        const price = offer?.priceFor(gateway)
        return price === undefined
          ? []
          : [{ gateway, currency: defaultCurrency[gateway], amountMinor: price.amount }]
      })
      // A payment the gateway never saw (its checkout failed: "payment unavailable") is not in progress.
      const latest = payments.find(
        (p) => p.courseId === completion.courseId && !(p.status === "created" && p.checkoutRef === undefined)
      )
      const entitlement = yield* Entitlements.use((e) =>
        e.findFor(id.value, completion.courseId, "certificate")
      )
      const certificate = Option.isNone(entitlement)
        ? undefined
        : Option.getOrUndefined(
            yield* Certificates.use((c) => c.findByEntitlement(entitlement.value.entitlementId))
          )
      views.push({
        courseId: completion.courseId,
        courseTitle: course?.title ?? completion.courseId,
        completedOn: completion.completedOn,
        printedName: completion.printedName,
        prices,
        purchase:
          latest === undefined
            ? null
            : { paymentId: latest.paymentId, stage: purchaseStage(yield* purchaseFacts(latest)) },
        certificate: certificate === undefined ? null : certificateSummary(certificate, links)
      })
    }
    return views
  })
