import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { type Browser, chromium, type Page } from "playwright-core"
import { testResultsDir } from "../../stack/startTestStack.ts"

/** Debian's Chromium, never a downloaded one. `--no-sandbox`: CI containers run as root. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] })

export const screenshotDir = join(testResultsDir, "screenshots")

/** Saves a full-page screenshot as a test artifact and returns its path. */
export const screenshot = async (page: Page, name: string) => {
  mkdirSync(screenshotDir, { recursive: true })
  const path = join(screenshotDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

export const signIn = async (page: Page, apiUrl: string, username: string, password = "demo") => {
  await page.goto(`${apiUrl}/`)
  await page.getByTestId("username").fill(username)
  await page.getByTestId("password").fill(password)
  await page.getByTestId("sign-in").click()
  await page.getByTestId("signed-in-as").waitFor()
}

/**
 * Records every text the return page's stage shows, from the first render on, so a test can tell that
 * "processing" came before "ready" even when the pipeline is fast.
 */
export const recordStages = (page: Page) =>
  page.addInitScript({
    content: `(() => {
      const seen = []
      window.__stages = seen
      const note = () => {
        const text = document.querySelector('[data-testid="purchase-stage"]')?.textContent
        if (text != null && seen.at(-1) !== text) seen.push(text)
      }
      new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true })
    })()`
  })

// Written as strings: the test package has no DOM types, and these run in the page.
export const stagesSeen = (page: Page) =>
  page.evaluate("[...(window.__stages ?? [])]") as Promise<ReadonlyArray<string>>

/** Whether the <img> matching a CSS selector has loaded a picture (not a broken or pending one). */
export const imageLoaded = (page: Page, selector: string) =>
  page.evaluate(
    `(() => { const img = document.querySelector(${JSON.stringify(selector)}); return !!img && img.complete && img.naturalWidth > 0 })()`
  ) as Promise<boolean>
