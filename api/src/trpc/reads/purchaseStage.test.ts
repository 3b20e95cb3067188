import type { CertificateStatus, PaymentStatus } from "@certify/domain"
import { describe, expect, it } from "vitest"
import type { PurchaseStage } from "../views.ts"
import { isSettled, purchaseStage } from "./purchaseStage.ts"

const stage = (
  payment: PaymentStatus,
  certificate: CertificateStatus | undefined,
  facts: { underReview?: boolean; eventReceived?: boolean } = {}
) =>
  purchaseStage({
    payment: { status: payment },
    certificate: certificate === undefined ? undefined : { status: certificate },
    underReview: facts.underReview ?? false,
    eventReceived: facts.eventReceived ?? false
  })

describe("what a learner sees of a purchase", () => {
  it.each<[PaymentStatus, CertificateStatus | undefined, PurchaseStage]>([
    ["pending", undefined, "pending"],
    ["succeeded", undefined, "processing"],
    ["succeeded", "pending", "processing"],
    ["succeeded", "issued", "ready"],
    ["succeeded", "revoked", "revoked"],
    ["disputed", "revoked", "revoked"],
    ["refunded", "revoked", "refunded"],
    ["failed", undefined, "declined"],
    ["expired", undefined, "abandoned"]
  ])("a %s payment with a %s certificate is %s", (payment, certificate, expected) => {
    expect(stage(payment, certificate)).toBe(expected)
  })

  it("is processing once the gateway has spoken, and in review while a person looks", () => {
    expect(stage("pending", undefined, { eventReceived: true })).toBe("processing")
    expect(stage("succeeded", undefined, { underReview: true })).toBe("review")
  })

  it("settles only on stages that nothing but an operator changes (a declined checkout can still be paid)", () => {
    const settled: ReadonlyArray<PurchaseStage> = ["ready", "refunded", "revoked"]
    const moving: ReadonlyArray<PurchaseStage> = ["pending", "processing", "review", "declined", "abandoned"]
    expect(settled.filter(isSettled)).toEqual(settled)
    expect(moving.filter(isSettled)).toEqual([])
  })
})
