import { RenderError } from "../errors.ts"
import { hb } from "../fonts/hb.ts"
import { type FamilyId, type FontWeight, findSlice, type LoadedFont } from "../fonts/registry.ts"

/**
 * Text engine: font fallback per grapheme cluster (like a browser's font-family list with
 * unicode-range slices), then HarfBuzz shaping per run (the shaper Chromium uses).
 */

export interface TextStyle {
  /** families in fallback order (CSS font-family list) */
  readonly families: ReadonlyArray<FamilyId>
  readonly weight: FontWeight
}

export interface PlacedGlyph {
  readonly id: number
  /** em units, relative to the run's left edge / baseline, y up */
  readonly x: number
  readonly y: number
}

export interface ShapedRun {
  readonly font: LoadedFont
  /** logical text of the run */
  readonly text: string
  readonly rtl: boolean
  /** glyphs in visual (left to right) order */
  readonly glyphs: ReadonlyArray<PlacedGlyph>
  /** em units */
  readonly advance: number
}

export interface ShapedText {
  readonly text: string
  readonly rtl: boolean
  /** runs in visual order, left to right */
  readonly runs: ReadonlyArray<ShapedRun>
  /** em units */
  readonly width: number
  /** max ascender / descender of the fonts used, em units */
  readonly ascender: number
  readonly descender: number
}

const RTL_CHAR =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u
const STRONG_LETTER = /\p{L}/u
const SCRIPT_NAMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\p{Script=Hangul}/u, "Hangul"],
  [/\p{Script=Thai}/u, "Thai"],
  [/\p{Script=Hebrew}/u, "Hebrew"],
  [/\p{Script=Bengali}/u, "Bengali"],
  [/\p{Script=Tamil}/u, "Tamil"],
  [/\p{Script=Arabic}/u, "Arabic"],
  [/\p{Script=Han}/u, "Han"],
  [/\p{Extended_Pictographic}/u, "Emoji"]
]

const describeChar = (cluster: string): string => {
  const cp = cluster.codePointAt(0) ?? 0
  const script = SCRIPT_NAMES.find(([re]) => re.test(cluster))?.[1]
  return `"${cluster}" (U+${cp.toString(16).toUpperCase().padStart(4, "0")}${script ? `, ${script} script` : ""})`
}

const segmenter = new Intl.Segmenter("und", { granularity: "grapheme" })

interface Piece {
  readonly font: LoadedFont
  text: string
}

const shapeRun = (font: LoadedFont, text: string, rtl: boolean, language: string | undefined): ShapedRun => {
  const buffer = hb.createBuffer()
  try {
    buffer.addText(text)
    buffer.setDirection(rtl ? "rtl" : "ltr")
    if (language) buffer.setLanguage(language)
    buffer.guessSegmentProperties()
    hb.shape(font.font, buffer)
    const out = buffer.json()
    const glyphs: PlacedGlyph[] = []
    let pen = 0
    for (const g of out) {
      glyphs.push({ id: g.g, x: (pen + g.dx) / font.upem, y: g.dy / font.upem })
      pen += g.ax
    }
    for (const g of out) {
      if (g.g === 0) {
        throw new RenderError(
          "UnsupportedScript",
          `the font ${font.slice.family} has no glyph for part of "${text}"`
        )
      }
    }
    return { font, text, rtl, glyphs, advance: pen / font.upem }
  } finally {
    buffer.destroy()
  }
}

/**
 * Shapes one line of text. Throws RenderError("UnsupportedScript") when a character has no font,
 * or the text mixes right-to-left and left-to-right writing (no bidi reordering is done).
 */
export const shapeText = (input: string, style: TextStyle, language?: string): ShapedText => {
  const text = input.normalize("NFC")
  const pieces: Piece[] = []
  let hasRtl = false
  let hasLtr = false
  for (const { segment } of segmenter.segment(text)) {
    const codePoints = Array.from(segment, (c) => c.codePointAt(0) ?? 0)
    if (RTL_CHAR.test(segment)) hasRtl = true
    else if (STRONG_LETTER.test(segment) || /\p{N}/u.test(segment)) hasLtr = true
    let font: LoadedFont | undefined
    for (const family of style.families) {
      font = findSlice(family, style.weight, codePoints)
      if (font) break
    }
    if (!font) {
      throw new RenderError(
        "UnsupportedScript",
        `cannot render ${describeChar(segment)}: no shipped font covers it, and a certificate never shows a wrong name`
      )
    }
    const last = pieces[pieces.length - 1]
    if (last && last.font === font) last.text += segment
    else pieces.push({ font, text: segment })
  }
  if (hasRtl && hasLtr) {
    throw new RenderError(
      "UnsupportedScript",
      "text mixing right-to-left script with left-to-right letters or digits is not supported"
    )
  }
  const runs = pieces.map((p) => shapeRun(p.font, p.text, hasRtl, language))
  if (hasRtl) runs.reverse()
  let width = 0
  let ascender = 0
  let descender = 0
  for (const r of runs) {
    width += r.advance
    ascender = Math.max(ascender, r.font.ascender)
    descender = Math.max(descender, r.font.descender)
  }
  return { text, rtl: hasRtl, runs, width, ascender, descender }
}

const pathCache = new Map<string, string>()

/** SVG path data of a glyph in font units (y up). */
export const glyphPath = (font: LoadedFont, glyphId: number): string => {
  const key = `${font.slice.key}:${glyphId}`
  let d = pathCache.get(key)
  if (d === undefined) {
    d = font.font.glyphToPath(glyphId)
    pathCache.set(key, d)
  }
  return d
}

const num = (n: number): string => {
  const r = Math.round(n * 1000) / 1000
  return Object.is(r, -0) ? "0" : String(r)
}

/** SVG elements (glyph outlines) for a shaped text placed with its left edge at x and baseline at y. */
export const shapedTextToSvg = (
  shaped: ShapedText,
  x: number,
  baseline: number,
  size: number,
  fill: string
): string => {
  let out = `<g fill="${fill}">`
  let penX = x
  for (const run of shaped.runs) {
    const k = size / run.font.upem
    for (const g of run.glyphs) {
      const d = glyphPath(run.font, g.id)
      if (d === "") continue
      out += `<path transform="matrix(${num(k)} 0 0 ${num(-k)} ${num(penX + g.x * size)} ${num(baseline - g.y * size)})" d="${d}"/>`
    }
    penX += run.advance * size
  }
  return `${out}</g>`
}
