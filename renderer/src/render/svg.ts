import satori from "satori"
import { findSlice } from "../fonts/registry.ts"
import type { CertificateTemplate } from "../templates/types.ts"
import { shapedTextToSvg } from "../text/layout.ts"
import { type CertificateLayout, type PlacedText, type QrLayout, resolveStyle } from "./layout.ts"

interface SatoriElement {
  readonly type: string
  readonly props: {
    readonly style: Readonly<Record<string, string | number>>
    readonly children?: string | ReadonlyArray<SatoriElement>
  }
}

// satori's types name React's ReactNode when @types/react is present; plain element objects are what it reads.
export const asSatoriNode = (element: SatoriElement): Parameters<typeof satori>[0] =>
  element as unknown as Parameters<typeof satori>[0]

const abs = (style: Record<string, string | number>, children?: string): SatoriElement => ({
  type: "div",
  props:
    children === undefined
      ? { style: { position: "absolute", ...style } }
      : { style: { position: "absolute", ...style }, children }
})

/**
 * The template's static design as a satori element tree (absolute positions in design px).
 * Static texts are placed so that satori's baseline falls on the template's baseline.
 */
export const templateElement = (template: CertificateTemplate): SatoriElement => {
  const children: SatoriElement[] = []
  for (const r of template.rects) {
    children.push(abs({ left: r.x, top: r.y, width: r.w, height: r.h, backgroundColor: r.fill }))
  }
  for (const t of template.texts) {
    const style = resolveStyle(template, t.style, "en")
    const family = style.families[0] ?? "sans"
    const font = findSlice(family, style.weight, [0x41])
    if (!font) throw new Error("template font missing")
    const lineHeight = font.ascender + font.descender
    const top = t.baseline - font.ascender * t.size
    const box =
      t.align === "center"
        ? { left: t.x - template.width / 2, width: template.width, justifyContent: "center" }
        : t.align === "right"
          ? { left: 0, width: t.x, justifyContent: "flex-end" }
          : { left: t.x, width: template.width - t.x, justifyContent: "flex-start" }
    children.push(
      abs(
        {
          ...box,
          display: "flex",
          top,
          height: lineHeight * t.size,
          fontFamily: font.slice.key,
          fontWeight: style.weight,
          fontSize: t.size,
          lineHeight,
          color: t.color,
          whiteSpace: "nowrap"
        },
        t.text
      )
    )
  }
  return {
    type: "div",
    props: {
      style: {
        display: "flex",
        position: "relative",
        width: template.width,
        height: template.height,
        backgroundColor: template.background
      },
      children
    }
  }
}

const staticSvgCache = new WeakMap<CertificateTemplate, Promise<string>>()

/** The template's static layer as SVG, made by satori once per template (and per process). */
export const staticSvg = (template: CertificateTemplate): Promise<string> => {
  let svg = staticSvgCache.get(template)
  if (!svg) {
    const fonts = new Map<string, { name: string; data: Buffer; weight: 400 | 700; style: "normal" }>()
    for (const t of template.texts) {
      const style = resolveStyle(template, t.style, "en")
      for (const cp of new Set(Array.from(t.text, (c) => c.codePointAt(0) ?? 0))) {
        const font = findSlice(style.families[0] ?? "sans", style.weight, [cp])
        if (!font) throw new Error(`template text ${t.text} is not covered by its first font`)
        fonts.set(font.slice.key, {
          name: font.slice.key,
          data: font.sfnt,
          weight: style.weight,
          style: "normal"
        })
      }
    }
    svg = satori(asSatoriNode(templateElement(template)), {
      width: template.width,
      height: template.height,
      fonts: [...fonts.values()]
    })
    staticSvgCache.set(template, svg)
  }
  return svg
}

export const textSvg = (t: PlacedText): string => shapedTextToSvg(t.shaped, t.x, t.baseline, t.size, t.color)

export const qrSvg = (qr: QrLayout): string => {
  let d = ""
  const m = qr.modulePx
  for (let row = 0; row < qr.count; row++) {
    let col = 0
    while (col < qr.count) {
      if (qr.modules[row * qr.count + col] !== 1) {
        col++
        continue
      }
      const start = col
      while (col < qr.count && qr.modules[row * qr.count + col] === 1) col++
      d += `M${qr.x + start * m} ${qr.y + row * m}h${(col - start) * m}v${m}h${-(col - start) * m}z`
    }
  }
  return `<path fill="${qr.dark}" shape-rendering="crispEdges" d="${d}"/>`
}

/** Everything that varies per certificate, as SVG elements in design coordinates. */
export const dynamicSvgElements = (layout: CertificateLayout): string =>
  layout.slots.map(textSvg).join("") + qrSvg(layout.qr)

const escapeXml = (s: string): string =>
  s.replace(/[<>&"]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : "&quot;"))

/** The complete certificate as a self-contained SVG (text as glyph outlines). */
export const certificateSvg = async (layout: CertificateLayout): Promise<string> => {
  const base = await staticSvg(layout.template)
  const close = base.lastIndexOf("</svg>")
  const title = `<title>${escapeXml(`Certificate ${layout.input.certificateId}: ${layout.input.learnerName} — ${layout.input.courseTitle}`)}</title>`
  const open = base.indexOf(">") + 1
  return `${base.slice(0, open)}${title}${base.slice(open, close)}<g id="certificate-data">${dynamicSvgElements(layout)}</g></svg>`
}
