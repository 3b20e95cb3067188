import { PaymentId } from "@certify/domain"
import { deliverEvent, drainJobs } from "@certify/domain/testing"
import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { demoCompletions } from "../platform/demoCompletions.ts"
import { platformSignature } from "../platform/platformAuth.ts"
import { PLATFORM_KEY, startTestApp } from "./testApp.ts"
import { purchaseStreamUntilEnd, sessionCookie, signIn, trpcHttp } from "./trpcHttp.ts"

let app: Awaited<ReturnType<typeof startTestApp>>

const report = (
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${PLATFORM_KEY}` }
) =>
  fetch(app.url("/platform/v1/completions"), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body)
  })

beforeAll(async () => {
  app = await startTestApp("api_app")
  for (const body of demoCompletions) expect((await report(body)).status).toBe(201)
})
afterAll(() => app?.close())

/** Ada buys "TypeScript Foundations" through Stripe and the webhook confirms it. */
const adaBuysAndIsIssued = async () => {
  const ada = await signIn(app.url, "ada")
  const started = await ada.mutation("learner.startPurchase", {
    courseId: "typescript-foundations",
    gateway: "stripe",
    requestId: "req-ada-buys-1"
  })
  expect(started.status).toBe(200)
  const { paymentId } = started.data as { paymentId: string }
  await app.runtime.runPromise(
    deliverEvent({
      gateway: "stripe",
      eventId: "evt_ada_paid",
      kind: "payment_succeeded",
      paymentId: Schema.decodeUnknownSync(PaymentId)(paymentId)
    })
  )
  await app.runtime.runPromise(drainJobs)
  const purchase = await ada.query("learner.purchase", { paymentId })
  expect((purchase.data as { stage: string }).stage).toBe("ready")
  const certificates = (await ada.query("learner.certificates")).data as Array<{ certificateId: string }>
  return { ada, paymentId, certificateId: certificates[0]?.certificateId ?? "" }
}

describe("the learning platform reports completions", () => {
  it("is idempotent per learner and course, and refuses bad keys and bad input clearly", async () => {
    const again = await report(demoCompletions[0])
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ completion: "unchanged" })
    expect((await report(demoCompletions[0], { authorization: "Bearer wrong" })).status).toBe(401)
    expect((await report(demoCompletions[0], {})).status).toBe(401)
    const bad = await report({
      ...demoCompletions[0],
      completion: { completedOn: "2026-13-40", printedName: " " }
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toMatch(/date must be YYYY-MM-DD/)
    expect((await report("{not json")).status).toBe(400)
  })

  it("accepts an HMAC signature instead of the bearer key", async () => {
    const body = JSON.stringify(demoCompletions[1])
    const t = Math.floor(Date.now() / 1000)
    const signed = await report(body, {
      "x-certify-signature": `t=${t},v1=${platformSignature(PLATFORM_KEY, t, body)}`
    })
    expect(signed.status).toBe(200)
    const stale = await report(body, {
      "x-certify-signature": `t=${t - 3600},v1=${platformSignature(PLATFORM_KEY, t - 3600, body)}`
    })
    expect(stale.status).toBe(401)
  })
})

describe("a learner buys, downloads and a verifier checks", () => {
  let bought: Awaited<ReturnType<typeof adaBuysAndIsIssued>>
  beforeAll(async () => {
    bought = await adaBuysAndIsIssued()
  })

  it("lists completed courses with prices per gateway", async () => {
    const courses = (await bought.ada.query("learner.courses")).data as Array<{
      courseId: string
      prices: unknown
      purchase: unknown
    }>
    const typescript = courses.find((c) => c.courseId === "typescript-foundations")
    expect(typescript?.prices).toEqual([
      { gateway: "stripe", currency: "USD", amountMinor: 4900 },
      { gateway: "razorpay", currency: "INR", amountMinor: 399_900 }
    ])
    expect(typescript?.purchase).toEqual({ paymentId: bought.paymentId, stage: "ready" })
  })

  it("streams the purchase status over SSE and ends once it is ready", async () => {
    const cookie = (
      await fetch(app.url("/trpc/session.login"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "ada", password: "demo" })
      })
    ).headers
      .get("set-cookie")
      ?.split(";")[0]
    const input = encodeURIComponent(JSON.stringify({ paymentId: bought.paymentId }))
    const stream = await fetch(app.url(`/trpc/learner.purchaseUpdates?input=${input}`), {
      headers: { cookie: cookie ?? "", accept: "text/event-stream" },
      signal: AbortSignal.timeout(10_000)
    })
    expect(stream.headers.get("content-type")).toContain("text/event-stream")
    const reader = stream.body?.getReader()
    let text = ""
    while (reader !== undefined && !text.includes('"stage":"ready"')) {
      const chunk = await reader.read()
      if (chunk.done) break
      text += new TextDecoder().decode(chunk.value)
    }
    await reader?.cancel()
    expect(text).toContain('"stage":"ready"')
  })

  it("shows the verification page: valid, noindex, no email, no internal ids", async () => {
    const response = await fetch(app.url(`/verify/${bought.certificateId}`))
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html).toContain("Valid")
    expect(html).toContain("Ada Lovelace")
    expect(html).toContain("TypeScript Foundations")
    expect(html).toContain('name="robots" content="noindex')
    expect(response.headers.get("x-robots-tag")).toContain("noindex")
    expect(html).not.toContain("ada@example.org")
    expect(html).not.toContain(bought.paymentId)
    const json = (await (await fetch(app.url(`/verify/${bought.certificateId}.json`))).json()) as Record<
      string,
      unknown
    >
    expect(json).toMatchObject({ status: "valid", printedName: "Ada Lovelace" })
    expect(JSON.stringify(json)).not.toMatch(/ada@example\.org|learnerId|entitlement/)
    expect((await fetch(app.url(`/verify/${bought.certificateId}.jwt`))).status).toBe(200)
    expect((await fetch(app.url("/.well-known/jwks.json"))).status).toBe(200)
  })

  it("answers an unknown and a malformed id with the same 404", async () => {
    const unknown = await fetch(app.url("/verify/ABCD-EFGH-JKMN-PQRS"))
    const malformed = await fetch(app.url("/verify/not-an-id<script>"))
    expect(unknown.status).toBe(404)
    expect(malformed.status).toBe(404)
    expect(await unknown.text()).toBe(await malformed.text())
  })

  it("downloads my own certificate, never another learner's, and refuses a tampered or expired link", async () => {
    const link = (
      await bought.ada.mutation("learner.downloadLink", {
        certificateId: bought.certificateId,
        format: "pdf"
      })
    ).data as { url: string }
    const path = new URL(link.url).pathname + new URL(link.url).search
    expect((await fetch(app.url(path))).status).toBe(200)
    expect(
      (
        await fetch(
          app.url(path.replace(/token=[^.]+\.(\d+)/, (m, exp) => m.replace(exp, String(Number(exp) - 1))))
        )
      ).status
    ).toBe(403)
    const ravi = await signIn(app.url, "ravi")
    const refused = await ravi.mutation("learner.downloadLink", {
      certificateId: bought.certificateId,
      format: "pdf"
    })
    expect(refused.error?.data.code).toBe("NOT_FOUND")
    const raviCookie =
      (
        await fetch(app.url("/trpc/session.login"), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username: "ravi", password: "demo" })
        })
      ).headers
        .get("set-cookie")
        ?.split(";")[0] ?? ""
    const direct = await fetch(app.url(`/certificates/${bought.certificateId}/pdf`), {
      headers: { cookie: raviCookie }
    })
    expect(direct.status).toBe(404)
    expect((await fetch(app.url(`/certificates/${bought.certificateId}/pdf`))).status).toBe(401)
  })

  it("lets only operators call operator procedures; a reissue supersedes, a revoke shows revoked", async () => {
    expect((await trpcHttp(app.url).query("ops.search", { query: "ada" })).status).toBe(401)
    expect((await bought.ada.query("ops.search", { query: "ada" })).status).toBe(403)
    const ops = await signIn(app.url, "ops")
    const found = await ops.query("ops.search", { query: "ada@example.org" })
    expect((found.data as Array<{ paymentId: string }>).map((p) => p.paymentId)).toContain(bought.paymentId)

    const reissued = await ops.mutation("ops.reissueCertificate", {
      certificateId: bought.certificateId,
      printedName: "Ada King",
      note: "name correction requested by the learner",
      requestId: "req-ops-reissue-1"
    })
    expect(reissued.data).toMatchObject({ outcome: "done" })
    await app.runtime.runPromise(drainJobs)
    const page = await (await fetch(app.url(`/verify/${bought.certificateId}`))).text()
    expect(page).toMatch(/version 1 was superseded/)

    const revoked = await ops.mutation("ops.revokeCertificate", {
      certificateId: bought.certificateId,
      note: "chargeback fraud confirmed",
      requestId: "req-ops-revoke-1"
    })
    expect(revoked.data).toMatchObject({ outcome: "done" })
    const revokedPage = await (await fetch(app.url(`/verify/${bought.certificateId}`))).text()
    expect(revokedPage).toMatch(/Revoked on \d{4}-\d{2}-\d{2}/)
    expect(revokedPage).not.toContain(`${bought.certificateId}.jwt`)
    const story = (await ops.query("ops.story", { paymentId: bought.paymentId })).data as {
      operatorActions: Array<{ kind: string; operatorId: string }>
      audit: Array<{ actor: string }>
    }
    expect(story.operatorActions.map((a) => a.kind)).toEqual(["reissue_certificate", "revoke_certificate"])
    expect(story.audit.some((e) => e.actor === "operator:ops")).toBe(true)
  })

  it("settles a purchase whose certificate was revoked without a refund, and signs no credential for it", async () => {
    const purchase = (await bought.ada.query("learner.purchase", { paymentId: bought.paymentId })).data
    expect(purchase).toMatchObject({ stage: "revoked", certificate: { status: "revoked" } })
    const courses = (await bought.ada.query("learner.courses")).data as Array<{
      courseId: string
      purchase: { stage: string } | null
    }>
    expect(courses.find((c) => c.courseId === "typescript-foundations")?.purchase?.stage).toBe("revoked")
    const stream = await purchaseStreamUntilEnd(
      app.url,
      await sessionCookie(app.url, "ada"),
      bought.paymentId
    )
    expect(stream).toContain('"stage":"revoked"')

    const credential = await fetch(app.url(`/verify/${bought.certificateId}.jwt`))
    expect(credential.status).toBe(410)
    expect(await credential.text()).not.toMatch(/^ey/)
    const json = (await (await fetch(app.url(`/verify/${bought.certificateId}.json`))).json()) as Record<
      string,
      unknown
    >
    expect(json).toMatchObject({ status: "revoked", credentialUrl: null })
  })

  it("maps bad input to 400 and never sends a stack trace", async () => {
    const bad = await bought.ada.mutation("learner.startPurchase", {
      courseId: "x",
      gateway: "paypal",
      requestId: "r"
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.error)).not.toMatch(/stack|\.ts:\d+/)
    const notCompleted = await bought.ada.mutation("learner.startPurchase", {
      courseId: "distributed-databases",
      gateway: "stripe",
      requestId: "req-ada-not-done"
    })
    expect(notCompleted.error?.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      domainError: "CourseNotCompleted"
    })
  })
})
