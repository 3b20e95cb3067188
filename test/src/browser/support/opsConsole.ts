import type { Locator, Page } from "playwright-core"
import { expect } from "vitest"

/** The operator form holding `button` (the console puts each action in its own form with its reason). */
const formWith = (page: Page, buttonTestId: string) =>
  page.locator("form").filter({ has: page.getByTestId(buttonTestId) })

/** Gives the reason, clicks the action, and waits for the console to say it was done. */
const act = async (form: Locator, buttonTestId: string, reason: string) => {
  await form.getByTestId("reason-input").fill(reason)
  await form.getByTestId(buttonTestId).click()
  await expect.poll(() => form.getByTestId("action-result").textContent()).toContain("Done")
  return (await form.getByTestId("action-result").textContent()) ?? ""
}

/** On /ops/reconciliation: starts a run of `gateway` now; answers the console's outcome text. */
export const startReconciliationRun = async (page: Page, gateway: "stripe" | "razorpay", reason: string) => {
  const form = formWith(page, "start-reconciliation")
  await form.getByTestId("reconcile-gateway").selectOption(gateway)
  return act(form, "start-reconciliation", reason)
}

/** On /ops/certificates/<id>: reissues the certificate (same id, next version). */
export const reissueCertificate = (page: Page, reason: string) =>
  act(formWith(page, "reissue-certificate"), "reissue-certificate", reason)
