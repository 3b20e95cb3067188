import type { PaymentStory } from "./types.ts"

export interface TimelineEntry {
  readonly at: string
  readonly source: "audit" | "gateway" | "job" | "operator" | "review"
  readonly title: string
  readonly detail: string
}

/**
 * One chronological story of a payment: the audit trail's transitions, with the gateway events,
 * jobs, reviews and operator decisions around them. Equal times keep the audit trail first; a job
 * that never ran (no time yet) comes last.
 */
export const buildTimeline = (story: PaymentStory): ReadonlyArray<TimelineEntry> => {
  const entries: Array<TimelineEntry> = [
    ...story.audit.map(
      (entry): TimelineEntry => ({
        at: entry.at,
        source: "audit",
        title: `${entry.subjectType} ${entry.from} → ${entry.to}`,
        detail: `${entry.event} by ${entry.actor} (cause ${entry.cause}, #${entry.seq})`
      })
    ),
    ...story.inbox.map(
      (event): TimelineEntry => ({
        at: event.receivedAt,
        source: "gateway",
        title: `${event.gateway} event ${event.gatewayType}`,
        detail: [
          `${event.kind}, ${event.outcome ?? "not processed yet"}`,
          `${event.attempts} attempt(s)`,
          event.lastError ? `last error: ${event.lastError}` : ""
        ]
          .filter(Boolean)
          .join(" · ")
      })
    ),
    ...story.jobs.map(
      (job): TimelineEntry => ({
        at: job.failedAt ?? job.lastRunAt ?? job.nextRunAt ?? "",
        source: "job",
        title: `job ${job.name} ${job.state}`,
        detail: [`${job.attempts} attempt(s)`, job.lastError ? `last error: ${job.lastError}` : ""]
          .filter(Boolean)
          .join(" · ")
      })
    ),
    ...story.reviews.map(
      (review): TimelineEntry => ({
        at: review.resolvedAt ?? review.flaggedAt,
        source: "review",
        title: review.resolvedAt
          ? `review ${review.reason} resolved`
          : `flagged for review: ${review.reason}`,
        detail: review.resolution ? `${review.resolution} by ${review.resolvedBy ?? "?"}` : review.details
      })
    ),
    ...story.operatorActions.map(
      (action): TimelineEntry => ({
        at: action.at,
        source: "operator",
        title: `${action.operatorId}: ${action.kind.replaceAll("_", " ")}`,
        detail: action.reason
      })
    )
  ]
  const order = ["audit", "gateway", "review", "operator", "job"]
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        Number(a.entry.at === "") - Number(b.entry.at === "") ||
        a.entry.at.localeCompare(b.entry.at) ||
        order.indexOf(a.entry.source) - order.indexOf(b.entry.source) ||
        a.index - b.index
    )
    .map(({ entry }) => entry)
}
