import { readFile } from "node:fs/promises"
import type { Page } from "playwright-core"
import { expect } from "vitest"
import { imageLoaded, recordStages, screenshot, signIn, stagesSeen } from "./browser.ts"
import { explainingPayment } from "./diagnostics.ts"

export type GatewayName = "stripe" | "razorpay"

/** Long enough for webhook → worker → renderer → issue on a loaded 2-core machine, still bounded. */
export const PIPELINE_TIMEOUT = 60_000

export interface Journey {
  readonly apiUrl: string
  readonly sandboxUrl: string
  readonly courseId: string
  readonly gateway: GatewayName
  /** Screenshot name prefix; without one, no screenshots are taken. */
  readonly shots?: string
}

const shoot = (page: Page, journey: Journey, name: string) =>
  journey.shots === undefined ? Promise.resolve() : screenshot(page, `${journey.shots}-${name}`)

export const stageOf = (page: Page) => page.getByTestId("purchase-stage").textContent()

/** From the courses screen to the gateway's hosted page, as the learner clicks through it. */
export const openCheckout = async (page: Page, journey: Journey) => {
  await page.getByTestId(`buy-${journey.courseId}`).click()
  await page.getByTestId(`gateways-${journey.courseId}`).waitFor()
  await shoot(page, journey, "gateway-choice")
  await page.getByTestId(`gateway-${journey.gateway}`).click()
  await page.waitForURL((url) => url.href.startsWith(journey.sandboxUrl))
  await page.locator("#pay-button").waitFor()
  await shoot(page, journey, `${journey.gateway}-checkout`)
}

/** Clicks Pay on the hosted page and waits for the return page; answers the payment id from its URL. */
export const payOnHostedPage = async (page: Page, journey: Journey) => {
  await page.locator("#pay-button").click()
  await page.waitForURL((url) => url.href.startsWith(`${journey.apiUrl}/purchases/`))
  await page.getByTestId("purchase-stage").waitFor()
  return paymentIdOf(page)
}

export const paymentIdOf = (page: Page) => {
  const match = /\/purchases\/([^/?#]+)/.exec(page.url())
  if (match?.[1] === undefined) throw new Error(`not a return page: ${page.url()}`)
  return decodeURIComponent(match[1])
}

/** From a declined or cancelled return page: Try again → the hosted page → Pay → ready. Answers the paid id. */
export const retryAndPay = async (page: Page, journey: Journey) => {
  await page.getByTestId("retry-purchase").click()
  await page.waitForURL((url) => url.href.startsWith(journey.sandboxUrl))
  const paidId = await payOnHostedPage(page, journey)
  await explainingPayment(journey.apiUrl, paidId, () => waitForStage(page, "ready"))
  return paidId
}

/** The return page settles on `stage` by itself (SSE, or polling as a fallback). */
export const waitForStage = (page: Page, stage: string) =>
  expect.poll(() => stageOf(page), { timeout: PIPELINE_TIMEOUT, interval: 250 }).toBe(stage)

export interface BoughtCertificate {
  readonly paymentId: string
  readonly certificateId: string
  readonly png: Uint8Array
  readonly pdf: Uint8Array
  readonly stages: ReadonlyArray<string>
}

/**
 * The whole purchase in the web client: sign in → courses → buy → gateway → hosted page → Pay →
 * return page (processing, then ready) → certificate page (PNG preview) → PDF download.
 */
export const buyCertificate = async (
  page: Page,
  username: string,
  journey: Journey
): Promise<BoughtCertificate> => {
  await recordStages(page)
  await page.goto(`${journey.apiUrl}/`)
  await page.getByTestId("sign-in-form").waitFor()
  await shoot(page, journey, "sign-in")
  await signIn(page, journey.apiUrl, username)
  await page.getByTestId(`course-${journey.courseId}`).waitFor()
  await shoot(page, journey, "courses")

  await openCheckout(page, journey)
  const paymentId = await payOnHostedPage(page, journey)
  await expect.poll(() => page.getByTestId("purchase-message").textContent()).toMatch(/Processing|ready/)
  if (["pending", "processing"].includes((await stageOf(page)) ?? ""))
    await shoot(page, journey, "processing")
  await waitForStage(page, "ready")
  await shoot(page, journey, "ready")
  const stages = await stagesSeen(page)

  await page.getByTestId("certificate-link").click()
  await page.waitForURL((url) => url.pathname.startsWith("/certificates/"))
  const certificateId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2] ?? "")
  const preview = page.getByTestId("certificate-preview")
  await preview.waitFor()
  await expect.poll(() => imageLoaded(page, '[data-testid="certificate-preview"]')).toBe(true)
  await shoot(page, journey, "certificate")
  const previewUrl = await preview.getAttribute("src")
  if (previewUrl === null) throw new Error("the preview has no src")
  const pngResponse = await page.request.get(new URL(previewUrl, page.url()).href)
  expect(pngResponse.status()).toBe(200)
  const png = new Uint8Array(await pngResponse.body())

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("download-pdf").click()
  ])
  const pdfPath = await download.path()
  const pdf = new Uint8Array(await readFile(pdfPath))
  return { paymentId, certificateId, png, pdf, stages }
}
