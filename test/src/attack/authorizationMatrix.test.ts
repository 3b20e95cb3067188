import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { appRouter } from "../../../api/src/trpc/AppRouter.ts"
import {
  expected,
  outcomeOf,
  printMatrix,
  procedures,
  type Targets,
  UNKNOWN_CERTIFICATE,
  UNKNOWN_PAYMENT
} from "./support/accessRules.ts"
import { type AttackApp, buyAndIssue, PLATFORM_KEY, startAttackApp } from "./support/attackApp.ts"
import { callProcedure, PRINCIPALS, type PrincipalName, signInAll } from "./support/principals.ts"

let app: AttackApp
let cookies: Record<PrincipalName, string | undefined>
let targets: Targets
let raviCertificate: string

beforeAll(async () => {
  app = await startAttackApp("attack_authz")
  const ada = await buyAndIssue(app, "ada", "typescript-foundations")
  raviCertificate = (await buyAndIssue(app, "ravi", "typescript-foundations")).certificateId
  targets = { paymentId: ada.paymentId, certificateId: ada.certificateId }
  cookies = await signInAll(app)
}, 60_000)
afterAll(() => app?.close())

describe("authorization: every procedure and route × {anonymous, learner A, learner B, admin}", () => {
  it("lets each procedure through only for the principals its rule allows, and hides other learners' records", async () => {
    const table = procedures(targets)
    const all = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>
    )
    // A new procedure must be classified here before this test passes.
    expect(all.map(([path]) => path).sort()).toEqual(Object.keys(table).sort())

    const rows: Array<readonly [string, Record<PrincipalName, string>]> = []
    const failures: Array<string> = []
    // The operator's mutations go last, so nothing they do changes what the learners' rows see.
    for (const who of PRINCIPALS)
      for (const [path, procedure] of all) {
        const rule = table[path]
        if (rule === undefined) continue
        const type = procedure._def.type as "query" | "mutation" | "subscription"
        const answer = await callProcedure(app, path, type, rule.input, cookies[who])
        const outcome = outcomeOf(answer.status)
        let row = rows.find(([name]) => name === `${type.padEnd(12)} ${path}`)
        if (row === undefined) {
          row = [`${type.padEnd(12)} ${path}`, { anonymous: "", ada: "", ravi: "", ops: "" }]
          rows.push(row)
        }
        row[1][who] = `${answer.status} ${answer.code ?? ""}`.trim()
        if (!expected(rule.access, who).includes(outcome))
          failures.push(`${who} → ${path}: ${answer.status} ${answer.text.slice(0, 160)}`)
        if (answer.status >= 500) failures.push(`${who} → ${path}: 5xx`)
      }
    printMatrix("tRPC authorization matrix (HTTP status and tRPC code):", rows)
    expect(failures).toEqual([])
  })

  it("answers an IDOR attempt exactly as it answers an id that does not exist", async () => {
    const attempts = [
      {
        path: "learner.purchase",
        type: "query",
        theirs: { paymentId: targets.paymentId },
        none: { paymentId: UNKNOWN_PAYMENT }
      },
      {
        path: "learner.purchaseUpdates",
        type: "subscription",
        theirs: { paymentId: targets.paymentId },
        none: { paymentId: UNKNOWN_PAYMENT }
      },
      {
        path: "learner.downloadLink",
        type: "mutation",
        theirs: { certificateId: targets.certificateId, format: "pdf" },
        none: { certificateId: UNKNOWN_CERTIFICATE, format: "pdf" }
      }
    ] as const
    for (const attempt of attempts) {
      const theirs = await callProcedure(app, attempt.path, attempt.type, attempt.theirs, cookies.ravi)
      const none = await callProcedure(app, attempt.path, attempt.type, attempt.none, cookies.ravi)
      expect([theirs.status, theirs.code, theirs.message]).toEqual([none.status, none.code, none.message])
      expect(theirs.status).toBe(404)
    }
    const raviList = (await callProcedure(app, "learner.certificates", "query", undefined, cookies.ravi)).text
    expect(raviList).toContain(raviCertificate)
    expect(raviList).not.toContain(targets.certificateId)
    const opsList = (await callProcedure(app, "learner.certificates", "query", undefined, cookies.ops)).text
    expect(opsList).not.toContain(targets.certificateId)
  })

  it("guards the HTTP routes: downloads, signed links, the job dashboard; verification, health and metrics are public", async () => {
    const link = await callProcedure(
      app,
      "learner.downloadLink",
      "mutation",
      { certificateId: targets.certificateId, format: "png" },
      cookies.ada
    )
    const signed = new URL((JSON.parse(link.text) as { result: { data: { url: string } } }).result.data.url)
    const token = signed.searchParams.get("token") ?? ""
    const routes: ReadonlyArray<{
      name: string
      path: string
      method?: string
      body?: string
      expect: Record<PrincipalName, number>
    }> = [
      {
        name: "GET  /certificates/<ada's>/pdf",
        path: `/certificates/${targets.certificateId}/pdf`,
        expect: { anonymous: 401, ada: 200, ravi: 404, ops: 404 }
      },
      {
        name: "GET  /certificates/<ada's>/png",
        path: `/certificates/${targets.certificateId}/png`,
        expect: { anonymous: 401, ada: 200, ravi: 404, ops: 404 }
      },
      {
        name: "GET  /certificates/<unknown>/pdf",
        path: `/certificates/${UNKNOWN_CERTIFICATE}/pdf`,
        expect: { anonymous: 401, ada: 404, ravi: 404, ops: 404 }
      },
      {
        name: "GET  /certificates/<ravi's>/pdf",
        path: `/certificates/${raviCertificate}/pdf`,
        expect: { anonymous: 401, ada: 404, ravi: 200, ops: 404 }
      },
      // The signed link is a short-lived bearer capability for one certificate, format and learner.
      {
        name: "GET  ada's signed png link",
        path: `${signed.pathname}${signed.search}`,
        expect: { anonymous: 200, ada: 200, ravi: 200, ops: 200 }
      },
      {
        name: "GET  ada's link token on the pdf",
        path: `/certificates/${targets.certificateId}/pdf?token=${token}`,
        expect: { anonymous: 403, ada: 403, ravi: 403, ops: 403 }
      },
      {
        name: "GET  ada's link token on ravi's cert",
        path: `/certificates/${raviCertificate}/png?token=${token}`,
        expect: { anonymous: 403, ada: 403, ravi: 403, ops: 403 }
      },
      {
        name: "GET  /ops/jobs",
        path: "/ops/jobs",
        expect: { anonymous: 401, ada: 403, ravi: 403, ops: 200 }
      },
      {
        name: "GET  /ops/jobs/api/jobs",
        path: "/ops/jobs/api/jobs",
        expect: { anonymous: 401, ada: 403, ravi: 403, ops: 200 }
      },
      {
        name: "GET  /verify/<ada's>",
        path: `/verify/${targets.certificateId}`,
        expect: { anonymous: 200, ada: 200, ravi: 200, ops: 200 }
      },
      {
        name: "GET  /verify/<ada's>.json",
        path: `/verify/${targets.certificateId}.json`,
        expect: { anonymous: 200, ada: 200, ravi: 200, ops: 200 }
      },
      {
        name: "GET  /.well-known/jwks.json",
        path: "/.well-known/jwks.json",
        expect: { anonymous: 200, ada: 200, ravi: 200, ops: 200 }
      },
      { name: "GET  /healthz", path: "/healthz", expect: { anonymous: 200, ada: 200, ravi: 200, ops: 200 } },
      { name: "GET  /readyz", path: "/readyz", expect: { anonymous: 200, ada: 200, ravi: 200, ops: 200 } },
      { name: "GET  /metrics", path: "/metrics", expect: { anonymous: 200, ada: 200, ravi: 200, ops: 200 } },
      // A session, even an operator's, is not the platform's key.
      {
        name: "POST /platform/v1/completions",
        path: "/platform/v1/completions",
        method: "POST",
        body: "{}",
        expect: { anonymous: 401, ada: 401, ravi: 401, ops: 401 }
      }
    ]
    const rows: Array<readonly [string, Record<PrincipalName, string>]> = []
    const failures: Array<string> = []
    for (const route of routes) {
      const cells = { anonymous: "", ada: "", ravi: "", ops: "" }
      for (const who of PRINCIPALS) {
        const cookie = cookies[who]
        const response = await fetch(app.url(route.path), {
          method: route.method ?? "GET",
          headers: {
            ...(cookie ? { cookie } : {}),
            ...(route.body ? { "content-type": "application/json" } : {})
          },
          ...(route.body ? { body: route.body } : {})
        })
        const text = await response.text()
        cells[who] = String(response.status)
        if (response.status !== route.expect[who])
          failures.push(`${who} → ${route.name}: ${response.status} ${text.slice(0, 120)}`)
        if (
          route.path === "/metrics" &&
          /ada|ravi|@example|pay_|[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/.test(text)
        )
          failures.push("/metrics exposes learner or payment data")
      }
      rows.push([route.name, cells])
    }
    printMatrix("HTTP route matrix (status):", rows)
    expect(failures).toEqual([])
    const withKey = await fetch(app.url("/platform/v1/completions"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${PLATFORM_KEY}` },
      body: "{}"
    })
    expect(withKey.status).toBe(400)
  })
})
