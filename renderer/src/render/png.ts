import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js"
import { type BandedPng, compositeTile, encodeBandedPng, fillRect, planBandedPng } from "../raster/png.ts"
import type { CertificateTemplate } from "../templates/types.ts"
import type { CertificateLayout } from "./layout.ts"
import { staticSvg, textSvg } from "./svg.ts"

/** No system fonts: every text is already glyph outlines, and loading the font database costs ~15 ms. */
export const RESVG_OPTIONS: ResvgRenderOptions = {
  font: { loadSystemFonts: false },
  logLevel: "off"
}

/** Rows around each slot that may change per certificate (room for marks above/below the font box). */
const BAND_MARGIN = 16

const dynamicRows = (template: CertificateTemplate): Array<readonly [number, number]> => [
  ...template.slots.map((s) => [s.box.y - BAND_MARGIN, s.box.y + s.box.h + BAND_MARGIN] as const),
  [template.qr.y, template.qr.y + template.qr.size] as const
]

const planCache = new WeakMap<CertificateTemplate, Promise<BandedPng>>()

/** Rasterizes the static layer once per template and prepares its compressed PNG segments. */
export const pngPlan = (template: CertificateTemplate): Promise<BandedPng> => {
  let plan = planCache.get(template)
  if (!plan) {
    plan = staticSvg(template).then((svg) => {
      const img = new Resvg(svg, RESVG_OPTIONS).render()
      if (img.width !== template.width || img.height !== template.height)
        throw new Error("static layer size mismatch")
      return planBandedPng(template.width, template.height, img.pixels, dynamicRows(template))
    })
    planCache.set(template, plan)
  }
  return plan
}

const hexRgb = (hex: string): readonly [number, number, number] => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!m) throw new Error(`colour ${hex} is not #rrggbb`)
  return [
    Number.parseInt(m[1] ?? "0", 16),
    Number.parseInt(m[2] ?? "0", 16),
    Number.parseInt(m[3] ?? "0", 16)
  ]
}

interface Tile {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  readonly pixels: Uint8Array
}

/**
 * PNG at the template's design size: the pre-rendered static background, plus per slot a tile
 * (its box and margin) rendered by resvg, plus the QR modules filled directly (pixel-aligned).
 */
export const renderPng = async (layout: CertificateLayout): Promise<Buffer> => {
  const template = layout.template
  const plan = await pngPlan(template)
  const tiles: Tile[] = layout.slots.map((t) => {
    const box = t.box
    if (!box) throw new Error("slot without box")
    const x0 = Math.max(0, Math.floor(box.x - BAND_MARGIN))
    const x1 = Math.min(template.width, Math.ceil(box.x + box.w + BAND_MARGIN))
    const y0 = Math.max(0, Math.floor(box.y - BAND_MARGIN))
    const y1 = Math.min(template.height, Math.ceil(box.y + box.h + BAND_MARGIN))
    const w = x1 - x0
    const h = y1 - y0
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${x0} ${y0} ${w} ${h}">${textSvg(t)}</svg>`
    return { x: x0, y: y0, w, h, pixels: new Resvg(svg, RESVG_OPTIONS).render().pixels }
  })
  const qr = layout.qr
  const dark = hexRgb(qr.dark)
  const m = qr.modulePx
  return encodeBandedPng(plan, (band) => {
    for (const tile of tiles) {
      if (tile.y < band.y1 && tile.y + tile.h > band.y0)
        compositeTile(band, tile.pixels, tile.x, tile.y, tile.w, tile.h)
    }
    for (let row = 0; row < qr.count; row++) {
      const y = qr.y + row * m
      if (y + m <= band.y0 || y >= band.y1) continue
      for (let col = 0; col < qr.count; col++) {
        if (qr.modules[row * qr.count + col] === 1) fillRect(band, qr.x + col * m, y, m, m, dark)
      }
    }
  })
}
