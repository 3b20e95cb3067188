import type {
  AuditEntry,
  Certificate,
  CertificateLinks,
  InboxRecord,
  JobSummary,
  OperatorAction,
  Payment,
  ReconciliationRun,
  ReviewItem
} from "@certify/domain"
import type {
  AuditEntryView,
  CertificateSummary,
  InboxEventView,
  JobView,
  OperatorActionView,
  PaymentRow,
  ReconciliationRunView,
  ReviewView
} from "../views.ts"

const iso = (date: Date | undefined) => date?.toISOString() ?? null

export const certificateSummary = (
  c: Certificate,
  links: CertificateLinks["Service"]
): CertificateSummary => ({
  certificateId: c.certificateId,
  version: c.currentVersion,
  status: c.status,
  verificationUrl: links.verificationUrl(c.certificateId)
})

export const paymentRow = (p: Payment): PaymentRow => ({
  paymentId: p.paymentId,
  learnerId: p.learnerId,
  courseId: p.courseId,
  gateway: p.gateway,
  attempt: p.attempt,
  status: p.status,
  amount: { currency: p.amount.currency, amountMinor: p.amount.amount },
  checkoutRef: p.checkoutRef ?? null,
  gatewayPaymentId: p.gatewayPaymentId ?? null,
  createdAt: p.createdAt.toISOString()
})

export const auditEntryView = (e: AuditEntry): AuditEntryView => ({
  subjectType: e.subject.type,
  subjectId: e.subject.id,
  seq: e.seq,
  from: e.from,
  to: e.to,
  event: e.event._tag,
  actor: e.actor.id === undefined ? e.actor.kind : `${e.actor.kind}:${e.actor.id}`,
  cause: `${e.cause.kind}:${e.cause.id}`,
  at: e.at.toISOString()
})

export const inboxEventView = (r: InboxRecord): InboxEventView => ({
  gateway: r.gateway,
  eventId: r.eventId,
  kind: r.event?.kind ?? "unparsed",
  gatewayType: r.event?.gatewayType ?? "unparsed",
  receivedAt: r.receivedAt.toISOString(),
  processedAt: iso(r.processedAt),
  outcome: r.outcome ?? null,
  attempts: r.attempts,
  lastError: r.lastError ?? null
})

export const jobView = (j: JobSummary): JobView => ({
  jobId: j.jobId,
  name: j.name,
  key: j.key,
  state: j.state,
  attempts: j.attempts,
  lastError: j.lastError ?? null,
  nextRunAt: iso(j.nextRunAt),
  lastRunAt: iso(j.lastRunAt),
  failedAt: iso(j.failedAt)
})

export const reviewView = (r: ReviewItem): ReviewView => ({
  subjectId: r.subjectId,
  reason: r.reason,
  details: r.details,
  flaggedAt: r.flaggedAt.toISOString(),
  resolvedAt: iso(r.resolvedAt),
  resolution: r.resolution ?? null,
  resolvedBy: r.resolvedBy ?? null
})

export const operatorActionView = (a: OperatorAction): OperatorActionView => ({
  actionId: a.actionId,
  operatorId: a.operatorId,
  kind: a.kind,
  subjectType: a.subjectType,
  subjectId: a.subjectId,
  reason: a.reason,
  details: a.details,
  at: a.at.toISOString()
})

export const reconciliationRunView = (r: ReconciliationRun): ReconciliationRunView => ({
  runId: r.runId,
  gateway: r.gateway,
  windowFrom: r.windowFrom.toISOString(),
  windowTo: r.windowTo.toISOString(),
  startedAt: r.startedAt.toISOString(),
  durationMillis: r.durationMillis,
  seen: r.seen,
  fixed: r.fixed,
  flagged: r.flagged,
  apiCalls: r.apiCalls,
  outcome: r.outcome,
  error: r.error ?? null,
  trigger: r.trigger ?? "scheduled"
})
