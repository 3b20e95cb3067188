import { PRINCIPALS, type PrincipalName } from "./principals.ts"

/**
 * Who may call what. `own`: a learner's procedure on learner A's (ada's) purchase or certificate, which
 * only ada may see; anyone else gets the answer a nonexistent id gets.
 */
export type Access = "public" | "learner" | "own" | "admin"

export const UNKNOWN_PAYMENT = "pay_does_not_exist_0001"
export const UNKNOWN_CERTIFICATE = "ZZZZ-ZZZZ-ZZZZ-ZZZ0"

export interface Targets {
  readonly paymentId: string
  readonly certificateId: string
}

/** Every procedure of the app router: its access rule and an input aimed at ada's resources. */
export const procedures = (t: Targets): Record<string, { access: Access; input?: unknown }> => ({
  "session.login": { access: "public", input: { username: "ravi", password: "demo" } },
  "session.logout": { access: "public" },
  "session.me": { access: "public" },
  "learner.courses": { access: "learner" },
  "learner.gateways": { access: "learner" },
  "learner.certificates": { access: "learner" },
  "learner.startPurchase": {
    access: "learner",
    input: { courseId: "payments-engineering", gateway: "stripe", requestId: "req-matrix-start-1" }
  },
  "learner.purchase": { access: "own", input: { paymentId: t.paymentId } },
  "learner.purchaseUpdates": { access: "own", input: { paymentId: t.paymentId } },
  "learner.downloadLink": { access: "own", input: { certificateId: t.certificateId, format: "pdf" } },
  "ops.search": { access: "admin", input: { query: "ada" } },
  "ops.story": { access: "admin", input: { paymentId: t.paymentId } },
  "ops.reviews": { access: "admin" },
  "ops.resolveReview": {
    access: "admin",
    input: {
      subjectId: UNKNOWN_PAYMENT,
      reason: "unknown_payment",
      decision: "resolve",
      note: "authorization matrix",
      requestId: "req-matrix-resolve"
    }
  },
  "ops.deadLetters": { access: "admin" },
  "ops.stuckJobs": { access: "admin" },
  "ops.retryJob": {
    access: "admin",
    input: { jobId: "job_does_not_exist", note: "authorization matrix", requestId: "req-matrix-retry" }
  },
  "ops.reconciliationRuns": { access: "admin" },
  "ops.startReconciliation": {
    access: "admin",
    input: { gateway: "stripe", note: "authorization matrix", requestId: "req-matrix-reconcile" }
  },
  "ops.revokeCertificate": {
    access: "admin",
    input: {
      certificateId: UNKNOWN_CERTIFICATE,
      note: "authorization matrix",
      requestId: "req-matrix-revoke"
    }
  },
  "ops.reissueCertificate": {
    access: "admin",
    input: {
      certificateId: UNKNOWN_CERTIFICATE,
      note: "authorization matrix",
      requestId: "req-matrix-reissue"
    }
  }
})

export type Outcome = "ok" | "401" | "403" | "not found" | "refused" | "error"

/** What each principal must get, per access rule. `ok` for an admin action means "reached the handler". */
export const expected = (access: Access, who: PrincipalName): ReadonlyArray<Outcome> => {
  if (access === "public") return ["ok"]
  if (who === "anonymous") return ["401"]
  if (access === "admin") return who === "ops" ? ["ok", "not found", "refused"] : ["403"]
  if (access === "own") return who === "ada" ? ["ok"] : ["not found"]
  return ["ok", "refused"]
}

export const outcomeOf = (status: number): Outcome =>
  status >= 200 && status < 300
    ? "ok"
    : status === 401
      ? "401"
      : status === 403
        ? "403"
        : status === 404
          ? "not found"
          : status >= 400 && status < 500
            ? "refused"
            : "error"

export const printMatrix = (
  title: string,
  rows: ReadonlyArray<readonly [string, Record<PrincipalName, string>]>
) =>
  console.log(
    [
      title,
      `  ${"".padEnd(44)} ${PRINCIPALS.map((p) => p.padEnd(24)).join("")}`,
      ...rows.map(
        ([name, cells]) => `  ${name.padEnd(44)} ${PRINCIPALS.map((p) => cells[p].padEnd(24)).join("")}`
      )
    ].join("\n")
  )
