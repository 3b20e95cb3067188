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
    resolution: String
  },
  { versionKey: false, strict: "throw", collection: "manual_reviews" }
)
reviewSchema.index({ subjectId: 1, reason: 1 }, { unique: true, name: "review_unique" })

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
