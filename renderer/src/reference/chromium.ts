import { readFileSync } from "node:fs"
import { type Browser, chromium, type Page } from "playwright-core"
import {
  FAMILIES,
  type FamilyId,
  type FontSlice,
  type FontWeight,
  familySlices,
  sliceCovers,
  sliceCss
} from "../fonts/registry.ts"
import type { CertificateLayout, PlacedText } from "../render/layout.ts"
import { qrSvg } from "../render/svg.ts"
import type { CertificateTemplate } from "../templates/types.ts"

/**
 * Headless Chromium as the reference renderer (tests and benchmark only): the same fonts
 * (@font-face per fontsource slice with its unicode-range) and the same design as HTML.
 */

export const CHROMIUM_PATH = "/usr/bin/chromium"
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
]

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })

const dataUrlCache = new Map<string, string>()
const fontDataUrl = (slice: FontSlice): string => {
  let url = dataUrlCache.get(slice.file)
  if (!url) {
    url = `data:font/woff;base64,${readFileSync(slice.file).toString("base64")}`
    dataUrlCache.set(slice.file, url)
  }
  return url
}

/**
 * @font-face rules for the families at a weight. Slices are chosen by unicode-range only (as a
 * browser would download them); for the big CJK families only slices whose range touches the text.
 */
export const fontFaceCss = (families: ReadonlyArray<FamilyId>, weight: FontWeight, text: string): string => {
  const cps = Array.from(text, (c) => c.codePointAt(0) ?? 0)
  const rules: string[] = []
  for (const f of families) {
    for (const slice of familySlices(f, weight)) {
      const many = familySlices(f, weight).length > 20
      if (many && !cps.some((cp) => sliceCovers(slice, cp))) continue
      rules.push(sliceCss(slice, fontDataUrl(slice)))
    }
  }
  return rules.join("\n")
}

export const cssFamilyList = (families: ReadonlyArray<FamilyId>): string =>
  families.map((f) => `'${FAMILIES[f].family}'`).join(",")

const esc = (s: string): string =>
  s.replace(/[<>&"]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : "&quot;"))

/**
 * One line of text with its advance box's left edge at x and its baseline near y: the line box is
 * ascender+descender (hhea, in em) high and starts one ascender above the baseline.
 */
const textDiv = (
  text: string,
  families: ReadonlyArray<FamilyId>,
  weight: number,
  size: number,
  x: number,
  baseline: number,
  color: string,
  metrics: { ascender: number; descender: number },
  id?: string
): string =>
  `<div ${id ? `id="${id}" ` : ""}style="position:absolute;left:${x}px;top:${baseline - metrics.ascender * size}px;white-space:pre;font-family:${cssFamilyList(families)};font-weight:${weight};font-size:${size}px;line-height:${metrics.ascender + metrics.descender};color:${color}">${esc(text)}</div>`

export interface NameRenderOptions {
  readonly text: string
  readonly families: ReadonlyArray<FamilyId>
  readonly weight: FontWeight
  readonly size: number
  readonly width: number
  readonly height: number
  /** left edge of the text and its baseline, in px */
  readonly x: number
  readonly baseline: number
  readonly lang?: string
}

export const nameHtml = (o: NameRenderOptions): string =>
  `<!doctype html><html lang="${o.lang ?? "en"}"><head><meta charset="utf-8"><style>${fontFaceCss(o.families, o.weight, o.text)}
html,body{margin:0;padding:0;background:#fff;width:${o.width}px;height:${o.height}px;overflow:hidden}</style></head><body>${textDiv(o.text, o.families, o.weight, o.size, o.x, o.baseline, "#000", { ascender: 1, descender: 0.3 })}</body></html>`

/** Renders one line of text with Chromium; returns PNG bytes of the viewport. */
export const chromiumRenderText = async (page: Page, o: NameRenderOptions): Promise<Buffer> => {
  await page.setViewportSize({ width: o.width, height: o.height })
  await page.setContent(nameHtml(o), { waitUntil: "load" })
  await page.evaluate("document.fonts.ready.then(() => true)")
  return page.screenshot({ type: "png" })
}

const placedDiv = (t: PlacedText, families: ReadonlyArray<FamilyId>, weight: number, id?: string): string =>
  textDiv(t.shaped.text, families, weight, t.size, t.x, t.baseline, t.color, t.shaped, id)

/** The certificate design as an HTML page of the template's pixel size (same boxes, texts, fonts, QR). */
export const certificateHtml = (
  layout: CertificateLayout,
  styleFamilies: (style: string) => { families: ReadonlyArray<FamilyId>; weight: FontWeight }
): string => {
  const t: CertificateTemplate = layout.template
  const styleOfSlot = (i: number) => styleFamilies(t.slots[i]?.style ?? "body")
  const allText = [...layout.statics, ...layout.slots].map((p) => p.shaped.text).join("")
  const faces = new Set<string>()
  for (const s of Object.keys(t.styles)) {
    const st = styleFamilies(s)
    faces.add(fontFaceCss(st.families, st.weight, allText))
  }
  const rects = t.rects
    .map(
      (r) =>
        `<div style="position:absolute;left:${r.x}px;top:${r.y}px;width:${r.w}px;height:${r.h}px;background:${r.fill}"></div>`
    )
    .join("")
  const statics = layout.statics
    .map((p, i) => {
      const st = styleFamilies(t.texts[i]?.style ?? "body")
      return placedDiv(p, st.families, st.weight)
    })
    .join("")
  const slots = layout.slots
    .map((p, i) => {
      const st = styleOfSlot(i)
      return placedDiv(p, st.families, st.weight, `slot-${i}`)
    })
    .join("")
  const qr = `<svg id="qr" xmlns="http://www.w3.org/2000/svg" width="${t.width}" height="${t.height}" style="position:absolute;left:0;top:0">${qrSvg(layout.qr)}</svg>`
  return `<!doctype html><html lang="${layout.input.locale}"><head><meta charset="utf-8"><style>${[...faces].join("\n")}
@page{size:${t.pageWidthPt}pt ${t.pageHeightPt}pt;margin:0}
html,body{margin:0;padding:0}
#page{position:relative;width:${t.width}px;height:${t.height}px;overflow:hidden;background:${t.background};-webkit-print-color-adjust:exact;print-color-adjust:exact}</style></head>
<body><div id="page">${rects}${statics}<div id="slots">${slots}</div>${qr}</div></body></html>`
}
