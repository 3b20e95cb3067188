import { describe, expect, it } from "vitest"
import { parseRoute, paths } from "./routes.ts"

describe("parseRoute", () => {
  it.each([
    ["/", { name: "signIn" }],
    ["/courses", { name: "courses" }],
    ["/courses/", { name: "courses" }],
    ["/purchases/pay_123", { name: "purchase", paymentId: "pay_123" }],
    ["/certificates", { name: "certificates" }],
    ["/certificates/CERT-1", { name: "certificate", certificateId: "CERT-1" }],
    ["/ops", { name: "ops" }],
    ["/ops/payments/pay_1", { name: "opsPayment", paymentId: "pay_1" }],
    ["/ops/reviews", { name: "opsReviews" }],
    ["/ops/dead-letters", { name: "opsDeadLetters" }],
    ["/ops/reconciliation", { name: "opsReconciliation" }],
    ["/ops/certificates/C1", { name: "opsCertificate", certificateId: "C1" }],
    ["/purchases", { name: "notFound" }],
    ["/purchases/a/b", { name: "notFound" }],
    ["/purchases/%E0%A4%A", { name: "notFound" }],
    ["/nowhere", { name: "notFound" }]
  ])("%s", (pathname, expected) => {
    expect(parseRoute(pathname)).toEqual(expected)
  })

  it("round-trips ids through the path builders", () => {
    expect(parseRoute(paths.purchase("a b/c"))).toEqual({ name: "purchase", paymentId: "a b/c" })
    expect(parseRoute(paths.certificate("X-1"))).toEqual({ name: "certificate", certificateId: "X-1" })
  })
})
