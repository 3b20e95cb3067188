import { LoadedView } from "../components/Loaded.tsx"
import { useLoad } from "../lib/useLoad.ts"
import { Link } from "../routing/Link.tsx"
import { paths } from "../routing/routes.ts"
import { trpc } from "../trpc/client.ts"
import { money, when } from "./format.ts"
import { JobList } from "./JobList.tsx"
import { ReviewItem } from "./ReviewQueue.tsx"
import { Timeline } from "./Timeline.tsx"
import { buildTimeline } from "./timeline.ts"
import type { PaymentStory } from "./types.ts"

const Facts = ({ story }: { readonly story: PaymentStory }) => {
  const { payment } = story
  return (
    <dl className="facts" data-testid="payment-facts">
      <dt>Learner</dt>
      <dd>{payment.learnerId}</dd>
      <dt>Course</dt>
      <dd>{payment.courseId}</dd>
      <dt>Amount</dt>
      <dd>{money(payment.amount)}</dd>
      <dt>Gateway</dt>
      <dd>
        {payment.gateway} (attempt {payment.attempt})
      </dd>
      <dt>Gateway references</dt>
      <dd>
        <code>{payment.checkoutRef ?? "—"}</code> / <code>{payment.gatewayPaymentId ?? "—"}</code>
      </dd>
      <dt>Payment status</dt>
      <dd>
        <span className={`status status-${payment.status}`} data-testid="payment-status">
          {payment.status}
        </span>
      </dd>
      <dt>Learner sees</dt>
      <dd data-testid="purchase-stage">{story.stage}</dd>
      <dt>Created</dt>
      <dd>{when(payment.createdAt)}</dd>
      <dt>Certificate</dt>
      <dd>
        {story.certificate ? (
          <>
            <Link
              to={paths.opsCertificate(story.certificate.certificateId)}
              data-testid="ops-certificate-link"
            >
              <code>{story.certificate.certificateId}</code>
            </Link>{" "}
            v{story.certificate.version} · {story.certificate.status} ·{" "}
            <a href={story.certificate.verificationUrl} data-testid="verification-link">
              verification page
            </a>
          </>
        ) : (
          "none"
        )}
      </dd>
    </dl>
  )
}

const Story = ({ story }: { readonly story: PaymentStory }) => {
  const openReviews = story.reviews.filter((review) => review.resolvedAt === null)
  return (
    <>
      <Facts story={story} />
      {openReviews.length > 0 ? (
        <>
          <h2>Open reviews</h2>
          <ul className="cards">
            {openReviews.map((review) => (
              <ReviewItem key={review.reason} review={review} />
            ))}
          </ul>
        </>
      ) : null}
      <h2>Timeline</h2>
      <Timeline entries={buildTimeline(story)} />
      <h2>Jobs</h2>
      <JobList jobs={story.jobs} testId="story-job" />
    </>
  )
}

export const PaymentStoryScreen = ({ paymentId }: { readonly paymentId: string }) => {
  const [story, reload] = useLoad(() => trpc.ops.story.query({ paymentId }), `story:${paymentId}`)
  return (
    <section>
      <div className="heading-row">
        <h1>
          Payment <code>{paymentId}</code>
        </h1>
        <button type="button" onClick={reload} data-testid="refresh">
          Refresh
        </button>
      </div>
      <LoadedView state={story}>{(data) => <Story story={data} />}</LoadedView>
    </section>
  )
}
