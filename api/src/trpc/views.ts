/**
 * What the procedures return: plain JSON-friendly shapes (dates as ISO strings), so the web client
 * sees exactly what crosses the wire through `type AppRouter`.
 */
export type GatewayName = "stripe" | "razorpay"

export interface SessionView {
  readonly userId: string
  readonly role: "learner" | "admin"
  readonly displayName: string
}

export interface PriceView {
  readonly gateway: GatewayName
  readonly currency: string
  readonly amountMinor: number
}

export type PurchaseStage =
  | "pending"
  | "processing"
  | "ready"
  | "declined"
  | "abandoned"
  | "refunded"
  | "revoked"
  | "review"

export interface CertificateSummary {
  readonly certificateId: string
  readonly version: number
  readonly status: "pending" | "issued" | "revoked"
  readonly verificationUrl: string
}

export interface CourseView {
  readonly courseId: string
  readonly courseTitle: string
  readonly completedOn: string
  readonly printedName: string
  readonly prices: ReadonlyArray<PriceView>
  readonly purchase: { readonly paymentId: string; readonly stage: PurchaseStage } | null
  readonly certificate: CertificateSummary | null
}

export interface GatewayView {
  readonly gateway: GatewayName
  readonly available: boolean
  readonly reason?: string
}

export interface PurchaseView {
  readonly paymentId: string
  readonly gateway: GatewayName
  readonly courseId: string
  readonly courseTitle: string
  readonly amount: { readonly currency: string; readonly amountMinor: number }
  readonly stage: PurchaseStage
  readonly certificate?: CertificateSummary
}

export interface MyCertificateView {
  readonly certificateId: string
  readonly version: number
  readonly courseTitle: string
  readonly issuedAt: string | null
  readonly status: "pending" | "issued" | "revoked"
  readonly verificationUrl: string
  readonly linkedInUrl: string
}

export interface DownloadLinkView {
  readonly url: string
  readonly expiresAt: string
}

export interface PaymentRow {
  readonly paymentId: string
  readonly learnerId: string
  readonly courseId: string
  readonly gateway: GatewayName
  readonly attempt: number
  readonly status: string
  readonly amount: { readonly currency: string; readonly amountMinor: number }
  readonly checkoutRef: string | null
  readonly gatewayPaymentId: string | null
  readonly createdAt: string
}

export interface AuditEntryView {
  readonly subjectType: string
  readonly subjectId: string
  readonly seq: number
  readonly from: string
  readonly to: string
  readonly event: string
  readonly actor: string
  readonly cause: string
  readonly at: string
}

export interface InboxEventView {
  readonly gateway: GatewayName
  readonly eventId: string
  readonly kind: string
  readonly gatewayType: string
  readonly receivedAt: string
  readonly processedAt: string | null
  readonly outcome: string | null
  readonly attempts: number
  readonly lastError: string | null
}

export interface JobView {
  readonly jobId: string
  readonly name: string
  readonly key: string
  readonly state: "queued" | "running" | "retrying" | "dead" | "completed"
  readonly attempts: number
  readonly lastError: string | null
  readonly nextRunAt: string | null
  readonly lastRunAt: string | null
  readonly failedAt: string | null
}

export interface ReviewView {
  readonly subjectId: string
  readonly reason: string
  readonly details: string
  readonly flaggedAt: string
  readonly resolvedAt: string | null
  readonly resolution: string | null
  readonly resolvedBy: string | null
}

export interface OperatorActionView {
  readonly actionId: string
  readonly operatorId: string
  readonly kind: string
  readonly subjectType: string
  readonly subjectId: string
  readonly reason: string
  readonly details: Readonly<Record<string, string>>
  readonly at: string
}

export interface PaymentStory {
  readonly payment: PaymentRow
  readonly stage: PurchaseStage
  readonly audit: ReadonlyArray<AuditEntryView>
  readonly inbox: ReadonlyArray<InboxEventView>
  readonly jobs: ReadonlyArray<JobView>
  readonly reviews: ReadonlyArray<ReviewView>
  readonly operatorActions: ReadonlyArray<OperatorActionView>
  readonly certificate: CertificateSummary | null
}

export interface ReconciliationRunView {
  readonly runId: string
  readonly gateway: GatewayName
  readonly windowFrom: string
  readonly windowTo: string
  readonly startedAt: string
  readonly durationMillis: number
  readonly seen: number
  readonly fixed: number
  readonly flagged: number
  readonly apiCalls: number
  readonly outcome: "completed" | "failed"
  readonly error: string | null
  /** Scheduled runs move the watermark; manual (on-demand) ones never do. */
  readonly trigger: "scheduled" | "manual"
}

/** The outcome of an operator action; `duplicate` when the same requestId was already acted on. */
export interface OperatorActionResult {
  readonly outcome: "done" | "duplicate"
  readonly detail: string
}
