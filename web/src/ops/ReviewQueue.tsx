import { LoadedView } from "../components/Loaded.tsx"
import { useLoad } from "../lib/useLoad.ts"
import { Link } from "../routing/Link.tsx"
import { paths } from "../routing/routes.ts"
import { trpc } from "../trpc/client.ts"
import { when } from "./format.ts"
import { ReviewResolveForm } from "./ReviewResolveForm.tsx"
import type { Review } from "./types.ts"

export const ReviewItem = ({ review }: { readonly review: Review }) => (
  <li className="card" data-testid="review-item">
    <h3>
      <span className="badge">{review.reason.replaceAll("_", " ")}</span>{" "}
      <Link to={paths.opsPayment(review.subjectId)}>
        <code>{review.subjectId}</code>
      </Link>
    </h3>
    <p>{review.details}</p>
    <p className="muted small">Flagged {when(review.flaggedAt)}</p>
    {review.resolvedAt ? (
      <p data-testid="review-resolution">
        Resolved {when(review.resolvedAt)} by {review.resolvedBy ?? "?"}: {review.resolution}
      </p>
    ) : (
      <ReviewResolveForm review={review} />
    )}
  </li>
)

export const ReviewQueue = () => {
  const [reviews, reload] = useLoad(() => trpc.ops.reviews.query(), "reviews")
  return (
    <section>
      <div className="heading-row">
        <h1>Manual review queue</h1>
        <button type="button" onClick={reload} data-testid="refresh">
          Refresh
        </button>
      </div>
      <LoadedView state={reviews}>
        {(items) =>
          items.length === 0 ? (
            <p data-testid="no-reviews">Nothing needs review.</p>
          ) : (
            <ul className="cards">
              {items.map((review) => (
                <ReviewItem key={`${review.subjectId}|${review.reason}`} review={review} />
              ))}
            </ul>
          )
        }
      </LoadedView>
    </section>
  )
}
