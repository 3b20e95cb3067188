import QRCode from "qrcode"
import { RenderError } from "../errors.ts"
import type { FamilyId } from "../fonts/registry.ts"
import type { CertificateInput } from "../input.ts"
import type { Align, Box, CertificateTemplate, SlotField, StyleFamily } from "../templates/types.ts"
import { type ShapedText, shapeText, type TextStyle } from "../text/layout.ts"

/** One line of text, shaped, sized and positioned in design pixels. */
export interface PlacedText {
  readonly shaped: ShapedText
  readonly size: number
  /** left edge of the advance box */
  readonly x: number
  readonly baseline: number
  readonly width: number
  readonly color: string
  readonly field?: SlotField
  readonly box?: Box
}

export interface QrLayout {
  /** top-left of the first module (inside the quiet zone) */
  readonly x: number
  readonly y: number
  readonly modulePx: number
  readonly count: number
  /** row-major, 1 = dark */
  readonly modules: Uint8Array
  readonly dark: string
  readonly quietZoneModules: number
}

export interface CertificateLayout {
  readonly template: CertificateTemplate
  readonly input: CertificateInput
  readonly statics: ReadonlyArray<PlacedText>
  readonly slots: ReadonlyArray<PlacedText>
  readonly qr: QrLayout
}

export const QUIET_ZONE = 4
/** 20 mm at the template's physical size is the minimum printed symbol size */
export const MIN_QR_MM = 20

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
]

/** "2025-03-07" → "7 March 2025" (fixed English wording: deterministic, no ICU data involved). */
export const formatDate = (isoDate: string): string => {
  const [y, m, d] = isoDate.split("-").map(Number)
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`
}

const cjkFamily = (locale: string): FamilyId => (/^ja\b/i.test(locale) ? "jp" : "sc")

export const resolveStyle = (template: CertificateTemplate, styleName: string, locale: string): TextStyle => {
  const style = template.styles[styleName]
  if (!style) throw new Error(`template ${template.id}@${template.version} has no style ${styleName}`)
  return {
    weight: style.weight,
    families: style.families.map((f: StyleFamily): FamilyId => (f === "cjk" ? cjkFamily(locale) : f))
  }
}

const anchorLeft = (align: Align, anchor: number, width: number): number =>
  align === "center" ? anchor - width / 2 : align === "right" ? anchor - width : anchor

/** Largest size ≤ maxSize (in ¼ px steps) at which the text fits the box; TextTooLong below minSize. */
export const fitSize = (shaped: ShapedText, box: Box, maxSize: number): number => {
  const byWidth = shaped.width > 0 ? box.w / shaped.width : maxSize
  const byHeight = box.h / (shaped.ascender + shaped.descender)
  return Math.floor(Math.min(maxSize, byWidth, byHeight) * 4) / 4
}

const fieldLabel: Record<SlotField, string> = {
  learnerName: "learnerName",
  courseTitle: "courseTitle",
  completionDate: "completionDate",
  issuer: "issuer",
  certificateId: "certificateId"
}

const slotText = (field: SlotField, input: CertificateInput): string =>
  field === "completionDate" ? formatDate(input.completionDate) : input[field]

const staticCache = new WeakMap<CertificateTemplate, ReadonlyArray<PlacedText>>()

/** The template's fixed texts, shaped once per template. */
export const staticTexts = (template: CertificateTemplate): ReadonlyArray<PlacedText> => {
  const cached = staticCache.get(template)
  if (cached) return cached
  const placed = template.texts.map((t): PlacedText => {
    const shaped = shapeText(t.text, resolveStyle(template, t.style, "en"))
    const width = shaped.width * t.size
    return {
      shaped,
      size: t.size,
      x: anchorLeft(t.align, t.x, width),
      baseline: t.baseline,
      width,
      color: t.color
    }
  })
  staticCache.set(template, placed)
  return placed
}

export const layoutQr = (template: CertificateTemplate, url: string): QrLayout => {
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" })
  const count = qr.modules.size
  const slot = template.qr
  const modulePx = Math.floor(slot.size / (count + 2 * QUIET_ZONE))
  const symbolPx = modulePx * count
  const mmPerPx = (template.pageWidthPt / template.width) * (25.4 / 72)
  if (symbolPx * mmPerPx < MIN_QR_MM) {
    throw new RenderError("TextTooLong", "verificationUrl is too long for a QR code of at least 20 mm")
  }
  const offset = Math.floor((slot.size - modulePx * (count + 2 * QUIET_ZONE)) / 2) + QUIET_ZONE * modulePx
  return {
    x: slot.x + offset,
    y: slot.y + offset,
    modulePx,
    count,
    modules: Uint8Array.from(qr.modules.data),
    dark: slot.dark,
    quietZoneModules: QUIET_ZONE
  }
}

/** Shapes, fits and positions everything variable on the certificate. Throws RenderError on unrenderable input. */
export const layoutCertificate = (
  template: CertificateTemplate,
  input: CertificateInput
): CertificateLayout => {
  const slots = template.slots.map((slot): PlacedText => {
    const text = (slot.prefix ?? "") + slotText(slot.field, input)
    const shaped = shapeText(text, resolveStyle(template, slot.style, input.locale))
    const size = fitSize(shaped, slot.box, slot.maxSize)
    if (size < slot.minSize) {
      throw new RenderError(
        "TextTooLong",
        `${fieldLabel[slot.field]} does not fit its box even at the smallest allowed size (${slot.minSize}px)`
      )
    }
    const width = shaped.width * size
    const anchor =
      slot.align === "center"
        ? slot.box.x + slot.box.w / 2
        : slot.align === "right"
          ? slot.box.x + slot.box.w
          : slot.box.x
    const baseline =
      slot.box.y + (slot.box.h - size * (shaped.ascender + shaped.descender)) / 2 + size * shaped.ascender
    return {
      shaped,
      size,
      x: anchorLeft(slot.align, anchor, width),
      baseline,
      width,
      color: slot.color,
      field: slot.field,
      box: slot.box
    }
  })
  return {
    template,
    input,
    statics: staticTexts(template),
    slots,
    qr: layoutQr(template, input.verificationUrl)
  }
}
