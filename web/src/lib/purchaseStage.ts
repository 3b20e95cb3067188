export type PurchaseStage =
  | "pending"
  | "processing"
  | "ready"
  | "declined"
  | "abandoned"
  | "refunded"
  | "revoked"
  | "review"

export type Tone = "progress" | "success" | "problem" | "neutral"

export interface StageMessage {
  readonly title: string
  readonly detail: string
  readonly tone: Tone
  /** The learner may start a new checkout for the same course without risking a double charge. */
  readonly canRetry: boolean
}

/** What the return page says for each server-reported stage. The URL's own parameters never decide it. */
export const stageMessage = (stage: PurchaseStage): StageMessage => {
  switch (stage) {
    case "pending":
    case "processing":
      return {
        title: "Processing your payment…",
        detail: "This page updates by itself as soon as the payment is confirmed.",
        tone: "progress",
        canRetry: false
      }
    case "ready":
      return {
        title: "Your certificate is ready",
        detail: "Payment confirmed. You can view and download your certificate.",
        tone: "success",
        canRetry: false
      }
    case "declined":
      return {
        title: "Payment declined",
        detail: "The payment did not go through and you have not been charged. You can try again.",
        tone: "problem",
        canRetry: true
      }
    case "abandoned":
      return {
        title: "Checkout expired",
        detail: "The checkout was not completed and you have not been charged. You can try again.",
        tone: "problem",
        canRetry: true
      }
    case "refunded":
      return {
        title: "Payment refunded",
        detail: "This payment was refunded and its certificate is no longer valid.",
        tone: "neutral",
        canRetry: false
      }
    case "revoked":
      return {
        title: "Certificate revoked",
        detail:
          "Support revoked the certificate for this payment. Please contact support before paying again.",
        tone: "problem",
        canRetry: false
      }
    case "review":
      return {
        title: "Support is looking at this payment",
        detail: "Something needs a person's attention. Please do not pay again; we will email you.",
        tone: "neutral",
        canRetry: false
      }
  }
}

/** Stages only an operator can move. Declined and abandoned are not: a retry reuses the payment and can succeed. */
export const isSettled = (stage: PurchaseStage): boolean =>
  stage === "ready" || stage === "refunded" || stage === "revoked"

/** Stages after which a new checkout for the course is pointless: it is in progress, or support closed it. */
export const blocksNewPurchase = (stage: PurchaseStage): boolean =>
  stage === "pending" || stage === "processing" || stage === "review" || stage === "revoked"

export const CANCELLED_MESSAGE: StageMessage = {
  title: "Payment cancelled",
  detail: "Payment cancelled — you can try again, you have not been charged.",
  tone: "problem",
  canRetry: true
}

/**
 * `?cancelled=1` is only a hint from the gateway's redirect: it is shown only while the server has
 * not recorded anything that contradicts it.
 */
export const returnPageMessage = (stage: PurchaseStage, cancelledHint: boolean): StageMessage =>
  cancelledHint && (stage === "pending" || stage === "abandoned") ? CANCELLED_MESSAGE : stageMessage(stage)
