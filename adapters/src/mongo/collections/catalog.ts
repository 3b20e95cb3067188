import { Schema } from "mongoose"

export const learnerSchema = new Schema(
  {
    _id: { type: String, required: true },
    learnerId: { type: String, required: true },
    email: { type: String, required: true },
    displayName: { type: String, required: true }
  },
  { versionKey: false, strict: "throw", collection: "learners" }
)

export const courseSchema = new Schema(
  {
    _id: { type: String, required: true },
    courseId: { type: String, required: true },
    title: { type: String, required: true }
  },
  { versionKey: false, strict: "throw", collection: "courses" }
)

/** _id = `learner|course`: the platform's report is idempotent per learner and course. */
export const completionSchema = new Schema(
  {
    _id: { type: String, required: true },
    learnerId: { type: String, required: true },
    courseId: { type: String, required: true },
    completedOn: { type: String, required: true },
    printedName: { type: String, required: true }
  },
  { versionKey: false, strict: "throw", collection: "course_completions" }
)
completionSchema.index({ learnerId: 1, courseId: 1 }, { unique: true, name: "completion_unique" })

export const offerSchema = new Schema(
  {
    _id: { type: String, required: true },
    offerId: { type: String, required: true },
    courseId: { type: String, required: true },
    prices: [
      { _id: false, amount: { type: Number, required: true }, currency: { type: String, required: true } }
    ]
  },
  { versionKey: false, strict: "throw", collection: "certificate_offers" }
)
offerSchema.index({ courseId: 1 }, { unique: true, name: "offer_per_course_unique" })
