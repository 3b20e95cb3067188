import { Schema } from "mongoose"

/** _id = `subjectId|reason`: one open review item per subject and reason. */
export const reviewSchema = new Schema(
  {
    _id: { type: String, required: true },
    subjectId: { type: String, required: true },
    reason: { type: String, required: true },
    details: { type: String, required: true },
    flaggedAt: { type: Date, required: true },
    resolvedAt: Date,
    resolution: String,
    resolvedBy: String
  },
  { versionKey: false, strict: "throw", collection: "manual_reviews" }
)
reviewSchema.index({ subjectId: 1, reason: 1 }, { unique: true, name: "review_unique" })
reviewSchema.index({ resolvedAt: 1, flaggedAt: 1 }, { name: "review_open" })

/** _id = `subjectId|reason`: the unique insert is the resolution, so two operators cannot both resolve. */
export const reviewResolutionSchema = new Schema(
  {
    _id: { type: String, required: true },
    subjectId: { type: String, required: true },
    reason: { type: String, required: true },
    resolution: { type: String, required: true },
    resolvedBy: { type: String, required: true },
    resolvedAt: { type: Date, required: true }
  },
  { versionKey: false, strict: "throw", collection: "review_resolutions" }
)
reviewResolutionSchema.index({ subjectId: 1, reason: 1 }, { unique: true, name: "review_resolution_unique" })

/** _id = the request id: an operator's double submit is recorded once. Append-only. */
export const operatorActionSchema = new Schema(
  {
    _id: { type: String, required: true },
    actionId: { type: String, required: true },
    operatorId: { type: String, required: true },
    kind: { type: String, required: true },
    subjectType: { type: String, required: true },
    subjectId: { type: String, required: true },
    reason: { type: String, required: true },
    details: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true }
  },
  { versionKey: false, strict: "throw", collection: "operator_actions", minimize: false }
)
operatorActionSchema.index({ actionId: 1 }, { unique: true, name: "operator_action_unique" })
operatorActionSchema.index({ subjectId: 1, at: 1 }, { name: "operator_action_subject" })
operatorActionSchema.index({ at: -1 }, { name: "operator_action_recent" })

/** Email send claims: _id = `key#generation`; the unique insert is the claim. */
export const emailClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    generation: { type: Number, required: true },
    claimedAt: { type: Date, required: true },
    sentAt: Date,
    failedAt: Date,
    error: String,
    permanent: Boolean
  },
  { versionKey: false, strict: "throw", collection: "email_deliveries" }
)
emailClaimSchema.index({ key: 1, generation: 1 }, { unique: true, name: "email_claim_unique" })

export const reconciliationRunSchema = new Schema(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    gateway: { type: String, required: true },
    windowFrom: { type: Date, required: true },
    windowTo: { type: Date, required: true },
    startedAt: { type: Date, required: true },
    durationMillis: { type: Number, required: true },
    seen: { type: Number, required: true },
    fixed: { type: Number, required: true },
    flagged: { type: Number, required: true },
    apiCalls: { type: Number, required: true },
    outcome: { type: String, required: true },
    error: String,
    trigger: { type: String, enum: ["scheduled", "manual"] }
  },
  { versionKey: false, strict: "throw", collection: "reconciliation_runs" }
)
reconciliationRunSchema.index({ gateway: 1, startedAt: -1 }, { name: "reconciliation_by_gateway" })

/** _id = `paymentId|checkpoint`: each scheduled follow-up of a stuck payment runs once. */
export const janitorCheckSchema = new Schema(
  {
    _id: { type: String, required: true },
    paymentId: { type: String, required: true },
    checkpoint: { type: String, required: true },
    at: { type: Date, required: true }
  },
  { versionKey: false, strict: "throw", collection: "janitor_checks" }
)
janitorCheckSchema.index({ paymentId: 1, checkpoint: 1 }, { unique: true, name: "janitor_check_unique" })
