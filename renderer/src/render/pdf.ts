import * as fontkit from "fontkit"
import PDFDocument from "pdfkit"
import { RenderError } from "../errors.ts"
import type { LoadedFont } from "../fonts/registry.ts"
import type { CertificateLayout, PlacedText } from "./layout.ts"

/**
 * Native PDF: vector boxes, real text (embedded font subsets, so pdftotext finds the name, course
 * and id) and the QR code as vector squares. Deterministic: fixed dates and a file ID derived from them.
 */

const fontkitCache = new Map<string, fontkit.Font>()

const fontkitFont = (font: LoadedFont): fontkit.Font => {
  let f = fontkitCache.get(font.slice.key)
  if (!f) {
    const created = fontkit.create(font.sfnt)
    if (!("layout" in created)) throw new Error("font collection where a single font was expected")
    f = created
    fontkitCache.set(font.slice.key, f)
  }
  return f
}

/**
 * pdfkit shapes with fontkit; the PNG is shaped with HarfBuzz. Both must give the same glyphs,
 * otherwise the PDF could show a different name than the PNG: refuse instead.
 */
const checkSameShaping = (t: PlacedText): void => {
  for (const run of t.shaped.runs) {
    const fk = fontkitFont(run.font).layout(run.text)
    const a = fk.glyphs.map((g) => g.id)
    const b = run.glyphs.map((g) => g.id)
    const advance = fk.positions.reduce((s, p) => s + p.xAdvance, 0) / run.font.upem
    if (a.join(",") !== b.join(",") || Math.abs(advance - run.advance) > 0.002 * Math.max(1, run.advance)) {
      throw new RenderError(
        "UnsupportedScript",
        `the PDF text engine shapes "${run.text}" differently from HarfBuzz; refusing rather than printing a wrong name`
      )
    }
  }
}

const dateOf = (isoDate: string): Date => new Date(`${isoDate}T00:00:00.000Z`)

export const renderPdf = (layout: CertificateLayout): Promise<Buffer> => {
  const { template, input } = layout
  for (const t of layout.slots) checkSameShaping(t)
  const date = dateOf(input.completionDate)
  const doc = new PDFDocument({
    size: [template.pageWidthPt, template.pageHeightPt],
    margin: 0,
    autoFirstPage: true,
    compress: true,
    lang: input.locale,
    displayTitle: true,
    info: {
      Title: `Certificate of Completion: ${input.learnerName}`,
      Author: input.issuer,
      Subject: input.courseTitle,
      Keywords: `certificate ${input.certificateId}`,
      Creator: `Certify renderer ${template.id}@${template.version}`,
      Producer: "Certify renderer",
      CreationDate: date,
      ModDate: date
    }
  })
  const chunks: Buffer[] = []
  doc.on("data", (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)))
    doc.on("error", reject)
  })

  // design pixels → points (pdfkit's text positioning assumes an unscaled page, so no doc.scale())
  const k = template.pageWidthPt / template.width
  doc.rect(0, 0, template.pageWidthPt, template.pageHeightPt).fill(template.background)
  for (const r of template.rects) doc.rect(r.x * k, r.y * k, r.w * k, r.h * k).fill(r.fill)

  const registered = new Set<string>()
  const drawText = (t: PlacedText): void => {
    // ActualText: text extraction returns the logical string even where glyphs are reordered (Devanagari
    // reph, conjuncts). Not for right-to-left text: poppler would reverse the ActualText once more, while
    // it reads the visual-order glyphs (each mapped by ToUnicode) back into logical order correctly.
    const actual = !t.shaped.rtl
    if (actual) doc.markContent("Span", { actual: t.shaped.text })
    let x = t.x
    for (const run of t.shaped.runs) {
      const key = run.font.slice.key
      if (!registered.has(key)) {
        // pdfkit accepts a fontkit font object (it checks for .layout); its typings only list byte sources
        doc.registerFont(key, fontkitFont(run.font) as unknown as Buffer)
        registered.add(key)
      }
      doc
        .font(key)
        .fontSize(t.size * k)
        .fillColor(t.color)
        .text(run.text, x * k, t.baseline * k, { lineBreak: false, baseline: "alphabetic" })
      x += run.advance * t.size
    }
    if (actual) doc.endMarkedContent()
  }
  for (const t of layout.statics) drawText(t)
  for (const t of layout.slots) drawText(t)

  const qr = layout.qr
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
      doc.rect((qr.x + start * m) * k, (qr.y + row * m) * k, (col - start) * m * k, m * k)
    }
  }
  doc.fill(qr.dark)
  doc.end()
  return done
}
