import { CertificateLinks, type paymentStory } from "@certify/domain"
import { Effect } from "effect"
import type { PaymentStory } from "../views.ts"
import { purchaseStage } from "./purchaseStage.ts"
import {
  auditEntryView,
  certificateSummary,
  inboxEventView,
  jobView,
  operatorActionView,
  paymentRow,
  reviewView
} from "./toViews.ts"

type Story = Effect.Success<ReturnType<typeof paymentStory>>

export const paymentStoryView = (story: Story) =>
  Effect.map(
    CertificateLinks.use((links) => Effect.succeed(links)),
    (links): PaymentStory => ({
      payment: paymentRow(story.payment),
      stage: purchaseStage({
        payment: story.payment,
        certificate: story.certificate,
        underReview: story.reviews.some((r) => r.resolvedAt === undefined),
        eventReceived: story.inbox.length > 0
      }),
      audit: story.audit.map(auditEntryView),
      inbox: story.inbox.map(inboxEventView),
      jobs: story.jobs.map(jobView),
      reviews: story.reviews.map(reviewView),
      operatorActions: story.actions.map(operatorActionView),
      certificate: story.certificate === undefined ? null : certificateSummary(story.certificate, links)
    })
  )
