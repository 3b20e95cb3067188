import { describe, expect, it } from "vitest"
import {
  blocksNewPurchase,
  CANCELLED_MESSAGE,
  isSettled,
  returnPageMessage,
  stageMessage
} from "./purchaseStage.ts"

describe("return page message", () => {
  it("shows processing until the server says ready", () => {
    expect(returnPageMessage("pending", false).title).toBe("Processing your payment…")
    expect(returnPageMessage("processing", false).title).toBe("Processing your payment…")
    expect(returnPageMessage("ready", false).tone).toBe("success")
  })

  it("shows the cancelled notice only while the server has no contrary fact", () => {
    expect(returnPageMessage("pending", true)).toBe(CANCELLED_MESSAGE)
    expect(returnPageMessage("abandoned", true)).toBe(CANCELLED_MESSAGE)
    expect(returnPageMessage("ready", true).tone).toBe("success")
    expect(returnPageMessage("processing", true).title).toBe("Processing your payment…")
  })

  it("lets the learner retry only when nothing was charged", () => {
    expect(stageMessage("declined").canRetry).toBe(true)
    expect(stageMessage("abandoned").canRetry).toBe(true)
    expect(stageMessage("review").canRetry).toBe(false)
    expect(stageMessage("refunded").canRetry).toBe(false)
  })

  it("keeps listening while a payment can still move", () => {
    expect(isSettled("pending")).toBe(false)
    expect(isSettled("review")).toBe(false)
    expect(isSettled("ready")).toBe(true)
    expect(isSettled("declined")).toBe(false)
    expect(isSettled("abandoned")).toBe(false)
  })

  it("shows a revoked certificate as settled, never as processing, and offers no new checkout", () => {
    expect(stageMessage("revoked").title).toBe("Certificate revoked")
    expect(stageMessage("revoked").tone).not.toBe("progress")
    expect(isSettled("revoked")).toBe(true)
    expect(blocksNewPurchase("revoked")).toBe(true)
    expect(blocksNewPurchase("declined")).toBe(false)
  })
})
