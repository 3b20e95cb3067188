import { Entitlements, LearnerId, ManualReview, ReviewItem } from "@certify/domain"
import { Schema } from "effect"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { signedInClient } from "../stack/learnerClient.ts"
import { receivedEmails } from "../stack/mailbox.ts"
import { startTestStack } from "../stack/startTestStack.ts"
import { imageLoaded, launchChromium, screenshot, signIn } from "./support/browser.ts"
import { explainingPayment } from "./support/diagnostics.ts"
import {
  type BoughtCertificate,
  buyCertificate,
  openCheckout,
  PIPELINE_TIMEOUT,
  paymentIdOf,
  retryAndPay,
  waitForStage
} from "./support/learnerJourney.ts"
import { withLedger } from "./support/ledger.ts"
import { reissueCertificate, startReconciliationRun } from "./support/opsConsole.ts"
import { decodeQrCode } from "./support/qrCode.ts"
import { sandboxControl, sandboxDeliveries } from "./support/sandbox.ts"

type Stack = Awaited<ReturnType<typeof startTestStack>>

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47]
const startsWith = (bytes: Uint8Array, prefix: ReadonlyArray<number>) =>
  prefix.every((b, i) => bytes[i] === b)
const ascii = (bytes: Uint8Array, length: number) => Buffer.from(bytes.subarray(0, length)).toString("latin1")

const VERIFICATION_IMAGE = 'img[alt="Certificate image"]'

const required = <A>(value: A | undefined, what: string): A => {
  if (value === undefined) throw new Error(`${what} is missing: an earlier test in this file failed`)
  return value
}

/**
 * The whole product (database, mail catcher, sandbox gateways, renderer, two workers, API) in real
 * processes, driven through Debian's Chromium. One stack for the file: each learner+course pair can be
 * bought once, so the tests run in order and share what earlier ones bought (see `bought`).
 * Demo pairs: ada/typescript (Stripe, later refunded), ravi/typescript (Razorpay),
 * ada/payments (declined, retried, paid), ravi/databases (Razorpay down; Stripe cancelled, retried, paid).
 */
describe("Certify in a real browser", () => {
  let stack: Stack
  let browser: Browser
  const contexts: Array<BrowserContext> = []
  const learners: { ada?: Page; ravi?: Page } = {}
  const bought: { ada?: BoughtCertificate; ravi?: BoughtCertificate } = {}

  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1100, height: 800 }
    })
    contexts.push(context)
    return context.newPage()
  }
  const api = () => stack.urls.api

  beforeAll(async () => {
    ;[stack, browser] = await Promise.all([startTestStack("browser"), launchChromium()])
  }, 180_000)

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close()
    await stack?.stop()
  })

  it("ada buys through Stripe and ravi through Razorpay: processing, ready, PDF download, email", async () => {
    // A slower webhook keeps the return page in its progress stage long enough to be seen and shown.
    for (const gateway of ["stripe", "razorpay"])
      await sandboxControl(stack.urls.sandbox, "faults", { gateway, delayMs: 1500 })
    const [adaPage, raviPage] = await Promise.all([newPage(), newPage()])
    learners.ada = adaPage
    learners.ravi = raviPage
    const journey = { apiUrl: api(), sandboxUrl: stack.urls.sandbox }
    const [ada, ravi] = await Promise.all([
      buyCertificate(adaPage, "ada", {
        ...journey,
        courseId: "typescript-foundations",
        gateway: "stripe",
        shots: "ada"
      }),
      buyCertificate(raviPage, "ravi", {
        ...journey,
        courseId: "typescript-foundations",
        gateway: "razorpay",
        shots: "ravi"
      })
    ])
    for (const gateway of ["stripe", "razorpay"])
      await sandboxControl(stack.urls.sandbox, "faults", { gateway, delayMs: 0 })
    bought.ada = ada
    bought.ravi = ravi

    for (const certificate of [ada, ravi]) {
      expect(certificate.stages[0]).toMatch(/^(pending|processing)$/)
      expect(certificate.stages.at(-1)).toBe("ready")
      expect(ascii(certificate.pdf, 5)).toBe("%PDF-")
      expect(startsWith(certificate.png, PNG_SIGNATURE)).toBe(true)
    }

    // Exactly one certificate email each, with the PNG and the PDF attached.
    await expect
      .poll(
        async () => {
          const emails = await receivedEmails(stack.urls.mailWeb)
          return ["ada@example.org", "ravi@example.org"].map((address) => {
            const received = emails.filter((e) => e.to.some((to) => to.address === address))
            return received.map((email) => (email.attachments ?? []).map((a) => a.contentType).sort())
          })
        },
        { timeout: PIPELINE_TIMEOUT, interval: 500 }
      )
      .toEqual([[["application/pdf", "image/png"]], [["application/pdf", "image/png"]]])
  }, 150_000)

  it("a learner cannot download another learner's certificate, nor call operator procedures", async () => {
    const adaPage = required(learners.ada, "ada's page")
    const raviPage = required(learners.ravi, "ravi's page")
    const { certificateId } = required(bought.ada, "ada's certificate")
    const download = (format: string) => `${api()}/certificates/${certificateId}/${format}`

    // The route works for its owner, so the refusals below are about who asks.
    const own = await adaPage.request.get(download("pdf"))
    expect(own.status()).toBe(200)
    expect(ascii(new Uint8Array(await own.body()), 5)).toBe("%PDF-")
    for (const format of ["pdf", "png"]) {
      const other = await raviPage.request.get(download(format))
      expect(other.status()).toBe(404)
    }

    const ravi = await signedInClient(api(), "ravi")
    await expect(
      ravi.client.learner.downloadLink.mutate({ certificateId, format: "pdf" })
    ).rejects.toMatchObject({
      data: { code: "NOT_FOUND" }
    })
    await expect(ravi.client.ops.search.query({ query: "ada" })).rejects.toMatchObject({
      data: { code: "FORBIDDEN", httpStatus: 403 }
    })
    await expect(
      ravi.client.ops.revokeCertificate.mutate({
        certificateId,
        note: "not mine to revoke",
        requestId: "r-ravi-1"
      })
    ).rejects.toMatchObject({ data: { code: "FORBIDDEN" } })
    const raw = await raviPage.request.get(
      `${api()}/trpc/ops.search?input=${encodeURIComponent(JSON.stringify({ query: "ada" }))}`
    )
    expect(raw.status()).toBe(403)

    await raviPage.goto(`${api()}/ops`)
    await raviPage.getByTestId("forbidden").waitFor()
    await screenshot(raviPage, "ravi-forbidden-ops")
  }, 60_000)

  it("the QR code opens the verification page: valid, then revoked after an operator's refund", async () => {
    const ada = required(bought.ada, "ada's certificate")
    const verificationUrl = decodeQrCode(ada.png)
    expect(verificationUrl.startsWith(api())).toBe(true)
    expect(verificationUrl.toUpperCase()).toContain(ada.certificateId.toUpperCase())

    const verifier = await newPage()
    await verifier.goto(verificationUrl)
    await expect.poll(() => verifier.locator("span.status").textContent()).toBe("Valid")
    await expect.poll(() => imageLoaded(verifier, VERIFICATION_IMAGE)).toBe(true)
    await screenshot(verifier, "verify-valid")

    const ops = await newPage()
    await signIn(ops, api(), "ops")
    await ops.getByTestId("ops-search").fill("ada")
    await ops.getByTestId("ops-search-submit").click()
    const row = ops.getByTestId("search-result").filter({ hasText: ada.paymentId })
    await row.waitFor()
    await screenshot(ops, "ops-search")
    await row.getByTestId("payment-link").click()
    await ops.getByTestId("payment-facts").waitFor()
    await ops.getByTestId("timeline-entry").first().waitFor()
    await screenshot(ops, "ops-payment-story")

    // Our mail catcher never bounces, so the review a bounced certificate email raises is flagged directly.
    await withLedger(
      stack.urls.mongodb,
      ManualReview.use((reviews) =>
        reviews.flag(
          new ReviewItem({
            subjectId: ada.certificateId,
            reason: "mail_rejected",
            details: "550 mailbox unavailable (ada@example.org); the learner asked for a refund instead",
            flaggedAt: new Date()
          })
        )
      )
    )
    await ops.getByRole("link", { name: "Reviews" }).click()
    const review = ops.getByTestId("review-item").filter({ hasText: ada.certificateId })
    await review.waitFor()
    await screenshot(ops, "ops-review-queue")
    await review.getByTestId("reason-input").fill("Certificate email bounced; learner asked for a refund")
    await review.getByTestId("refund-and-revoke").click()
    await expect.poll(() => review.getByTestId("action-result").textContent()).toContain("Done")

    // The gateway refunds, and its signed refund webhook lands back at the API.
    await expect
      .poll(
        async () =>
          (await sandboxDeliveries(stack.urls.sandbox)).some(
            (d) => d.gateway === "stripe" && d.type === "charge.refunded" && d.statuses.includes(200)
          ),
        { timeout: PIPELINE_TIMEOUT, interval: 250 }
      )
      .toBe(true)
    await expect
      .poll(
        async () => {
          await verifier.reload()
          return verifier.locator("span.status").textContent()
        },
        { timeout: PIPELINE_TIMEOUT, interval: 500 }
      )
      .toMatch(/^Revoked/)
    await expect.poll(() => imageLoaded(verifier, VERIFICATION_IMAGE)).toBe(true)
    await screenshot(verifier, "verify-revoked")

    await ops.goto(`${api()}/ops/payments/${encodeURIComponent(ada.paymentId)}`)
    await expect
      .poll(
        async () => {
          await ops.getByTestId("refresh").click()
          return ops.getByTestId("payment-status").textContent()
        },
        { timeout: PIPELINE_TIMEOUT, interval: 500 }
      )
      .toBe("refunded")
    await screenshot(ops, "ops-payment-story-refunded")

    const adaPage = required(learners.ada, "ada's page")
    await adaPage.goto(`${api()}/certificates`)
    await adaPage.getByTestId("certificate-item").first().waitFor()
    await adaPage.goto(`${api()}/certificates/${encodeURIComponent(ada.certificateId)}`)
    await expect.poll(() => adaPage.getByTestId("certificate-status").textContent()).toBe("revoked")
    await expect.poll(() => adaPage.getByTestId("download-pdf").count()).toBe(0)
  }, 120_000)

  it("a declined payment, a retry, then a payment: one succeeded payment and one entitlement", async () => {
    const page = required(learners.ada, "ada's page")
    const courseId = "payments-engineering"
    const journey = { apiUrl: api(), sandboxUrl: stack.urls.sandbox, courseId, gateway: "stripe" as const }
    await page.goto(`${api()}/courses`)
    await page.getByTestId(`course-${courseId}`).waitFor()
    await openCheckout(page, journey)
    await page.locator("#decline-button").click()
    await page.locator("#payment-declined").waitFor()
    await page.locator("#cancel-button").click()
    await page.waitForURL((url) => url.href.startsWith(`${api()}/purchases/`))
    const declinedId = paymentIdOf(page)
    await explainingPayment(api(), declinedId, () => waitForStage(page, "declined"))
    await screenshot(page, "ada-declined")

    const paidId = await retryAndPay(page, journey)

    const ops = await signedInClient(api(), "ops")
    const payments = (await ops.client.ops.search.query({ query: "ada" })).filter(
      (p) => p.courseId === courseId
    )
    expect(payments.filter((p) => p.status === "succeeded").map((p) => p.paymentId)).toEqual([paidId])
    // Retrying may resume the same checkout (a declined card can still pay) or open a new attempt.
    if (declinedId !== paidId) expect(payments.find((p) => p.paymentId === declinedId)?.status).toBe("failed")
    const declined = await ops.client.ops.story.query({ paymentId: declinedId })
    expect(declined.audit.some((entry) => entry.subjectType === "payment" && entry.to === "failed")).toBe(
      true
    )

    const entitlements = await withLedger(
      stack.urls.mongodb,
      Entitlements.use((e) => e.listByLearner(Schema.decodeSync(LearnerId)("ada")))
    )
    const forCourse = entitlements.filter((e) => e.courseId === courseId)
    expect(forCourse.map((e) => ({ status: e.status, paymentId: e.paymentId }))).toEqual([
      { status: "granted", paymentId: paidId }
    ])
  }, 120_000)

  it("an operator's screens: dead letters, a reconciliation run, a reissued certificate, the job dashboard", async () => {
    const ravi = required(bought.ravi, "ravi's certificate")
    const ops = await newPage()
    await signIn(ops, api(), "ops")

    await ops.goto(`${api()}/ops/dead-letters`)
    await ops.getByRole("heading", { name: "Dead letters" }).waitFor()
    await screenshot(ops, "ops-dead-letters")

    await ops.goto(`${api()}/ops/reconciliation`)
    await ops.getByTestId("reconcile-form").waitFor()
    const runsBefore = await ops.getByTestId("reconciliation-run").count()
    const outcome = await startReconciliationRun(ops, "stripe", "Learner reports a missing certificate")
    expect(outcome).toMatch(/reconciliation \S+: \d+ seen/)
    await expect.poll(() => ops.getByTestId("reconciliation-run").count()).toBeGreaterThan(runsBefore)
    await screenshot(ops, "ops-reconciliation")

    const learner = await signedInClient(api(), "ravi")
    const versionOf = async () =>
      (await learner.client.learner.certificates.query()).find((c) => c.certificateId === ravi.certificateId)
    expect(await versionOf()).toMatchObject({ version: 1, status: "issued" })
    await ops.goto(`${api()}/ops/certificates/${encodeURIComponent(ravi.certificateId)}`)
    await ops.getByTestId("certificate-actions").waitFor()
    await reissueCertificate(ops, "Reprint requested by the learner after a template fix")
    await expect
      .poll(versionOf, { timeout: PIPELINE_TIMEOUT, interval: 500 })
      .toMatchObject({ version: 2, status: "issued" })
    // The operator sees it on the page too, once reloaded.
    await ops.reload()
    await expect
      .poll(() => ops.getByTestId("certificate-version").textContent(), { timeout: 10_000 })
      .toBe("2")
    expect(await ops.getByTestId("certificate-status").textContent()).toContain("issued")
    await screenshot(ops, "ops-certificate-reissued")

    const raviPage = required(learners.ravi, "ravi's page")
    await raviPage.goto(`${api()}/certificates`)
    await raviPage.getByTestId("certificate-item").filter({ hasText: "version 2" }).waitFor()
    await screenshot(raviPage, "ravi-certificates")

    // Agendash is a separate app the API serves behind the admin role; its page asks the API for jobs.
    const [jobs] = await Promise.all([
      ops.waitForResponse((response) => new URL(response.url()).pathname === "/ops/jobs/api"),
      ops.goto(`${api()}/ops/jobs`)
    ])
    expect(jobs.status()).toBe(200)
    expect(await ops.title()).toBe("Agendash")
    await screenshot(ops, "ops-jobs-agendash")
  }, 90_000)

  it("Razorpay is down: the learner is told so, picks Stripe, cancels once, tries again and pays once", async () => {
    const page = required(learners.ravi, "ravi's page")
    const courseId = "distributed-databases"
    const journey = { apiUrl: api(), sandboxUrl: stack.urls.sandbox, courseId, gateway: "stripe" as const }
    await page.goto(`${api()}/courses`)
    await page.getByTestId(`buy-${courseId}`).click()
    await sandboxControl(stack.urls.sandbox, "outage", { gateway: "razorpay", mode: "error" })
    try {
      await page.getByTestId("gateway-razorpay").click()
      await page.getByTestId("payment-unavailable").waitFor()
      expect(page.url()).toBe(`${api()}/courses`)
      await screenshot(page, "ravi-payment-unavailable")
    } finally {
      await sandboxControl(stack.urls.sandbox, "outage", { gateway: "razorpay", mode: "off" })
    }

    // As the notice suggests, another payment method; then the learner backs out of the hosted page.
    await page.getByTestId("gateway-stripe").click()
    await page.waitForURL((url) => url.href.startsWith(stack.urls.sandbox))
    await page.locator("#cancel-button").click()
    await page.waitForURL((url) => url.href.startsWith(`${api()}/purchases/`))
    await expect.poll(() => page.getByTestId("purchase-message").textContent()).toContain("Payment cancelled")
    await screenshot(page, "ravi-checkout-cancelled")

    const paidId = await retryAndPay(page, journey)

    const ops = await signedInClient(api(), "ops")
    const payments = (await ops.client.ops.search.query({ query: "ravi" })).filter(
      (p) => p.courseId === courseId
    )
    expect(payments.filter((p) => p.status === "succeeded").map((p) => p.paymentId)).toEqual([paidId])
  }, 90_000)
})
