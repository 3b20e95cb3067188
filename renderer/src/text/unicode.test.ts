import { mkdirSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Resvg } from "@resvg/resvg-js"
import type { Browser, Page } from "playwright-core"
import satori from "satori"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { findSlice } from "../fonts/registry.ts"
import { chromiumRenderText, launchChromium, type NameRenderOptions } from "../reference/chromium.ts"
import { compareInk, decodePngGray } from "../reference/compare.ts"
import { renderCertificate } from "../render/certificate.ts"
import { resolveStyle } from "../render/layout.ts"
import { RESVG_OPTIONS } from "../render/png.ts"
import { asSatoriNode } from "../render/svg.ts"
import { getTemplate } from "../templates/registry.ts"
import { baseInput, scriptSamples, withName } from "../testing/fixtures.ts"
import { shapedTextToSvg, shapeText, type TextStyle } from "./layout.ts"

/**
 * Every supported script must render as Chromium renders it with the same fonts. The comparison is
 * automatic and can fail: the two negative controls (satori's Arabic, a one-letter-wrong name) do.
 */

const SAMPLES = fileURLToPath(new URL("../../samples/", import.meta.url))
const MAX_MISMATCH = 0.005
const SIZE = 64
const W = 760
const H = 130
const X = 20
const BASELINE = 88
const template = getTemplate("classic", 1)

let browser: Browser
let page: Page

beforeAll(async () => {
  mkdirSync(SAMPLES, { recursive: true })
  browser = await launchChromium()
  page = await browser.newPage()
})
afterAll(async () => {
  await browser?.close()
})

const ours = (text: string, style: TextStyle): Buffer => {
  const shaped = shapeText(text, style)
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#fff"/>${shapedTextToSvg(shaped, X, BASELINE, SIZE, "#000")}</svg>`
  return new Resvg(svg, RESVG_OPTIONS).render().asPng()
}

const chromiumOptions = (text: string, style: TextStyle, lang: string): NameRenderOptions => ({
  text,
  families: style.families,
  weight: style.weight,
  size: SIZE,
  width: W,
  height: H,
  x: X,
  baseline: BASELINE,
  lang
})

describe("names in every script render as Chromium renders them", () => {
  it.each(scriptSamples)("$script: $name", async (s) => {
    const style = resolveStyle(template, "display", s.locale)
    const mine = ours(s.name, style)
    const reference = await chromiumRenderText(page, chromiumOptions(s.name, style, s.locale))
    writeFileSync(`${SAMPLES}name-${s.slug}-renderer.png`, mine)
    writeFileSync(`${SAMPLES}name-${s.slug}-chromium.png`, reference)
    const c = compareInk(decodePngGray(mine), decodePngGray(reference))
    expect(c.inkA).toBeGreaterThan(500)
    expect(Math.abs(c.boxA.x1 - c.boxA.x0 - (c.boxB.x1 - c.boxB.x0))).toBeLessThanOrEqual(2)
    expect(c.mismatch).toBeLessThan(MAX_MISMATCH)

    // a small full certificate for a person to look at
    const cert = await renderCertificate(withName(s), ["svg"])
    const small = new Resvg(cert.svg ?? "", { ...RESVG_OPTIONS, fitTo: { mode: "width", value: 700 } })
    writeFileSync(`${SAMPLES}certificate-${s.slug}.png`, small.render().asPng())
  })

  it("catches a wrong rendering: satori drops the dots of the final ي in محمد علي", async () => {
    const style = resolveStyle(template, "display", "ar")
    const name = "محمد علي"
    const latin = findSlice("serif", 700, [0x41])
    const arabic = findSlice("arabic", 700, [0x645])
    if (!latin || !arabic) throw new Error("fonts missing")
    const svg = await satori(
      asSatoriNode({
        type: "div",
        props: {
          style: {
            display: "flex",
            width: W,
            height: H,
            backgroundColor: "#fff",
            color: "#000",
            fontSize: SIZE,
            fontWeight: 700,
            fontFamily: "L, A",
            paddingLeft: X,
            paddingTop: 20
          },
          children: name
        }
      }),
      {
        width: W,
        height: H,
        fonts: [
          { name: "L", data: latin.sfnt, weight: 700, style: "normal" },
          { name: "A", data: arabic.sfnt, weight: 700, style: "normal" }
        ]
      }
    )
    const satoriPng = new Resvg(svg, RESVG_OPTIONS).render().asPng()
    writeFileSync(`${SAMPLES}name-arabic-satori-WRONG.png`, satoriPng)
    const reference = await chromiumRenderText(page, chromiumOptions(name, style, "ar"))
    expect(compareInk(decodePngGray(satoriPng), decodePngGray(reference)).mismatch).toBeGreaterThan(
      MAX_MISMATCH
    )
  })

  it("catches a one-letter difference (على with dotless ى instead of علي)", async () => {
    const style = resolveStyle(template, "display", "ar")
    const wrong = ours("محمد على", style)
    const reference = await chromiumRenderText(page, chromiumOptions("محمد علي", style, "ar"))
    expect(compareInk(decodePngGray(wrong), decodePngGray(reference)).mismatch).toBeGreaterThan(MAX_MISMATCH)
  })
})

describe("scripts without a correct rendering are refused", () => {
  it.each([
    ["Thai", "สมชาย ใจดี"],
    ["Emoji", "Ana 🎓"],
    ["Mixed right-to-left and left-to-right", "محمد Ali"],
    ["Digits inside Arabic", "محمد 2"]
  ])("%s", async (_label, learnerName) => {
    await expect(renderCertificate({ ...baseInput, learnerName }, ["png"])).rejects.toMatchObject({
      code: "UnsupportedScript",
      status: 422
    })
  })
})
