import type { Inputs, Outputs } from "../trpc/types.ts"

export type PaymentRow = Outputs["ops"]["search"][number]
export type PaymentStory = Outputs["ops"]["story"]
export type Review = Outputs["ops"]["reviews"][number]
export type Job = Outputs["ops"]["deadLetters"][number]
export type ReconciliationRun = Outputs["ops"]["reconciliationRuns"][number]
export type ActionResult = Outputs["ops"]["retryJob"]
export type ReviewReason = Inputs["ops"]["resolveReview"]["reason"]
export type GatewayName = Inputs["ops"]["startReconciliation"]["gateway"]
