import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AttackApp, buyAndIssue, generousBudgets, startAttackApp } from "./support/attackApp.ts"
import { leaksInternals, tally } from "./support/fuzzReport.ts"
import { callProcedure, type PrincipalName, signInAll } from "./support/principals.ts"
import { inParallel } from "./support/sendRequests.ts"
import { type FuzzTarget, garbageFor } from "./support/trpcGarbage.ts"

const PER_PROCEDURE = Number(process.env.ATTACK_TRPC_PER_PROCEDURE ?? 250)
const SEED = Number(process.env.ATTACK_SEED ?? 20_260_707)

let app: AttackApp
let cookies: Record<PrincipalName, string | undefined>
let targets: ReadonlyArray<FuzzTarget>

beforeAll(async () => {
  app = await startAttackApp("attack_trpc_fuzz", generousBudgets)
  const ada = await buyAndIssue(app, "ada", "typescript-foundations")
  cookies = await signInAll(app)
  const note = "fuzzing the operator input"
  targets = [
    {
      path: "session.login",
      type: "mutation",
      caller: "anonymous",
      base: { username: "ada", password: "demo" }
    },
    {
      path: "learner.startPurchase",
      type: "mutation",
      caller: "ada",
      base: { courseId: "payments-engineering", gateway: "razorpay", requestId: "req-fuzz-base-1" }
    },
    { path: "learner.purchase", type: "query", caller: "ada", base: { paymentId: ada.paymentId } },
    {
      path: "learner.downloadLink",
      type: "mutation",
      caller: "ada",
      base: { certificateId: ada.certificateId, format: "pdf" }
    },
    { path: "ops.search", type: "query", caller: "ops", base: { query: "ada" } },
    { path: "ops.story", type: "query", caller: "ops", base: { paymentId: ada.paymentId } },
    {
      path: "ops.resolveReview",
      type: "mutation",
      caller: "ops",
      base: {
        subjectId: "pay_none",
        reason: "unknown_payment",
        decision: "resolve",
        note,
        requestId: "req-fuzz-resolve"
      }
    },
    {
      path: "ops.retryJob",
      type: "mutation",
      caller: "ops",
      base: { jobId: "job_none", note, requestId: "req-fuzz-retry" }
    },
    {
      path: "ops.startReconciliation",
      type: "mutation",
      caller: "ops",
      base: { gateway: "stripe", since: "2026-01-01", note, requestId: "req-fuzz-reconcile" },
      optional: ["since"]
    },
    // Unknown certificates: an accidentally valid input reaches the use case and changes nothing.
    {
      path: "ops.revokeCertificate",
      type: "mutation",
      caller: "ops",
      base: { certificateId: "ZZZZ-ZZZZ-ZZZZ-ZZZ1", note, requestId: "req-fuzz-revoke" }
    },
    {
      path: "ops.reissueCertificate",
      type: "mutation",
      caller: "ops",
      base: { certificateId: "ZZZZ-ZZZZ-ZZZZ-ZZZ2", note, requestId: "req-fuzz-reissue" }
    }
  ]
}, 60_000)
afterAll(() => app?.close())

/** Sends raw JSON text (so `__proto__` keys arrive as keys) to one procedure as its caller. */
const sendJson = async (target: FuzzTarget, json: string) => {
  const cookie = cookies[target.caller]
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(cookie ? { cookie } : {})
  }
  const response =
    target.type === "mutation"
      ? await fetch(app.url(`/trpc/${target.path}`), { method: "POST", headers, body: json })
      : await fetch(app.url(`/trpc/${target.path}?input=${encodeURIComponent(json)}`), { headers })
  return { status: response.status, text: await response.text() }
}

const messageOf = (text: string) => {
  try {
    return (JSON.parse(text) as { error?: { message?: string } }).error?.message
  } catch {
    return undefined
  }
}

describe("a signed-in learner and an operator send garbage to every procedure that takes input", () => {
  it("answers each with a 4xx and a clear message, never a 5xx or a stack trace, and pollutes nothing", async () => {
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort()
    const cases = targets.flatMap((target, index) =>
      fc
        .sample(garbageFor(target), { numRuns: PER_PROCEDURE, seed: SEED + index })
        .map((garbage) => ({ target, garbage }))
    )
    const started = performance.now()
    const answers = await inParallel(cases, 16, ({ target, garbage }) => sendJson(target, garbage.json))
    const seconds = (performance.now() - started) / 1000
    const results = cases.map((c, i) => ({ ...c, ...(answers[i] as { status: number; text: string }) }))
    console.log(
      [
        `tRPC fuzz: ${results.length} calls on ${targets.length} procedures (seed ${SEED}) in ${seconds.toFixed(1)} s`,
        tally(results.map((r) => ({ row: `${r.target.path} · ${r.garbage.kind}`, status: r.status })))
      ].join("\n")
    )

    const describeFailure = (r: (typeof results)[number]) =>
      `${r.target.path} ${r.garbage.kind}: ${r.status} ${r.text.slice(0, 160)} ← ${r.garbage.json.slice(0, 120)}`
    expect(results.filter((r) => r.status >= 500 || r.status === 0).map(describeFailure)).toEqual([])
    expect(
      results.filter((r) => r.garbage.mustReject && (r.status < 400 || r.status > 499)).map(describeFailure)
    ).toEqual([])
    // A refusal says what was wrong; the server's internals stay in its log.
    const unclear = results.filter((r) => {
      if (r.status < 400) return false
      if (r.status === 431 || r.status === 413) return false
      const message = messageOf(r.text)
      return message === undefined || message.length < 5 || message === "internal error"
    })
    expect(unclear.map(describeFailure)).toEqual([])
    expect(
      results.filter((r) => leaksInternals(r.text) || /"stack"/.test(r.text)).map(describeFailure)
    ).toEqual([])

    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore)
    expect(({} as Record<string, unknown>).role).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // After all of it, a learner is still no operator.
    expect((await callProcedure(app, "ops.search", "query", { query: "ada" }, cookies.ada)).status).toBe(403)
  }, 60_000)

  it("refuses malformed transport: bad JSON, a wrong method, an unknown procedure, an oversized batch", async () => {
    const post = (path: string, body: string, type = "application/json") =>
      fetch(app.url(path), {
        method: "POST",
        headers: { "content-type": type, cookie: cookies.ops ?? "" },
        body
      })
    const batch = Array.from({ length: 500 }, () => "ops.search").join(",")
    const batchInput = encodeURIComponent(
      JSON.stringify(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [i, { query: "x" }])))
    )
    const answers = {
      "bad JSON body": await post("/trpc/learner.downloadLink", "{not json"),
      "form body": await post(
        "/trpc/learner.downloadLink",
        "certificateId=x&format=pdf",
        "application/x-www-form-urlencoded"
      ),
      "bad ?input": await fetch(app.url("/trpc/ops.search?input=%7Bnot"), {
        headers: { cookie: cookies.ops ?? "" }
      }),
      "POST to a query": await post("/trpc/ops.search", JSON.stringify({ query: "ada" })),
      "GET a mutation": await fetch(app.url("/trpc/ops.revokeCertificate?input=%7B%7D"), {
        headers: { cookie: cookies.ops ?? "" }
      }),
      "unknown procedure": await post("/trpc/ops.dropDatabase", "{}"),
      "500-call batch": await fetch(app.url(`/trpc/${batch}?batch=1&input=${batchInput}`), {
        headers: { cookie: cookies.ops ?? "" }
      })
    }
    const statuses = Object.fromEntries(
      Object.entries(answers).map(([name, response]) => [name, response.status])
    )
    console.log(`tRPC transport garbage: ${JSON.stringify(statuses)}`)
    for (const [name, status] of Object.entries(statuses)) expect(status, name).toBeGreaterThanOrEqual(400)
    for (const [name, status] of Object.entries(statuses)) expect(status, name).toBeLessThan(500)
  })
})
