import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import type { HbFace, HbFont } from "harfbuzzjs"
import { hb } from "./hb.ts"
import { woffToSfnt } from "./woff.ts"

/**
 * Fonts shipped with the project from npm (@fontsource). Each family is split by fontsource into
 * unicode-range slices (like the browser's @font-face declarations); every slice is its own font here.
 */

export type FontWeight = 400 | 700

interface FamilyDef {
  readonly family: string
  readonly pkg: string
  readonly prefix: string
  /** subsets of the package that belong to this family's script coverage; "numbered" = CJK slices */
  readonly subsets: ReadonlyArray<string> | "numbered"
}

const LATIN_SUBSETS = ["latin", "latin-ext", "vietnamese", "cyrillic", "cyrillic-ext", "greek", "greek-ext"]

export const FAMILIES = {
  serif: {
    family: "Noto Serif",
    pkg: "@fontsource/noto-serif",
    prefix: "noto-serif",
    subsets: LATIN_SUBSETS
  },
  sans: { family: "Noto Sans", pkg: "@fontsource/noto-sans", prefix: "noto-sans", subsets: LATIN_SUBSETS },
  devanagari: {
    family: "Noto Sans Devanagari",
    pkg: "@fontsource/noto-sans-devanagari",
    prefix: "noto-sans-devanagari",
    subsets: ["devanagari"]
  },
  arabic: {
    family: "Noto Sans Arabic",
    pkg: "@fontsource/noto-sans-arabic",
    prefix: "noto-sans-arabic",
    subsets: ["arabic"]
  },
  sc: {
    family: "Noto Sans SC",
    pkg: "@fontsource/noto-sans-sc",
    prefix: "noto-sans-sc",
    subsets: "numbered"
  },
  jp: { family: "Noto Sans JP", pkg: "@fontsource/noto-sans-jp", prefix: "noto-sans-jp", subsets: "numbered" }
} as const satisfies Record<string, FamilyDef>

export type FamilyId = keyof typeof FAMILIES

export interface FontSlice {
  /** unique, stable key, e.g. "noto-serif-latin-700" */
  readonly key: string
  readonly familyId: FamilyId
  readonly family: string
  readonly weight: FontWeight
  readonly subset: string
  readonly file: string
  readonly ranges: ReadonlyArray<readonly [number, number]>
}

export interface LoadedFont {
  readonly slice: FontSlice
  /** decoded TrueType/OpenType bytes (for pdfkit and satori) */
  readonly sfnt: Buffer
  readonly face: HbFace
  readonly font: HbFont
  readonly upem: number
  /** in em */
  readonly ascender: number
  /** in em, positive */
  readonly descender: number
  readonly coverage: ReadonlySet<number>
}

const require = createRequire(import.meta.url)

const packageDir = (pkg: string): string => dirname(require.resolve(`${pkg}/LICENSE`))

const parseRanges = (spec: string): Array<[number, number]> =>
  spec.split(",").map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, "").split("-")
    const lo = Number.parseInt(a ?? "", 16)
    const hi = b === undefined ? lo : Number.parseInt(b, 16)
    return [lo, hi]
  })

const slicesCache = new Map<string, ReadonlyArray<FontSlice>>()

/** The unicode-range slices of one family at one weight, in fontsource order. */
export const familySlices = (familyId: FamilyId, weight: FontWeight): ReadonlyArray<FontSlice> => {
  const cacheKey = `${familyId}-${weight}`
  const cached = slicesCache.get(cacheKey)
  if (cached) return cached
  const def: FamilyDef = FAMILIES[familyId]
  const dir = packageDir(def.pkg)
  const unicode = JSON.parse(readFileSync(join(dir, "unicode.json"), "utf8")) as Record<string, string>
  const slices: FontSlice[] = []
  for (const [name, spec] of Object.entries(unicode)) {
    const subset = name.replace(/^\[(\d+)\]$/, "$1")
    const wanted = def.subsets === "numbered" ? /^\d+$/.test(subset) : def.subsets.includes(subset)
    if (!wanted) continue
    slices.push({
      key: `${def.prefix}-${subset}-${weight}`,
      familyId,
      family: def.family,
      weight,
      subset,
      file: join(dir, "files", `${def.prefix}-${subset}-${weight}-normal.woff`),
      ranges: parseRanges(spec)
    })
  }
  slicesCache.set(cacheKey, slices)
  return slices
}

export const sliceCovers = (slice: FontSlice, cp: number): boolean =>
  slice.ranges.some(([lo, hi]) => cp >= lo && cp <= hi)

/** One table of an SFNT font. */
export const sfntTable = (sfnt: Buffer, tag: string): Buffer => {
  const numTables = sfnt.readUInt16BE(4)
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16
    if (sfnt.toString("latin1", rec, rec + 4) === tag) {
      const offset = sfnt.readUInt32BE(rec + 8)
      return sfnt.subarray(offset, offset + sfnt.readUInt32BE(rec + 12))
    }
  }
  throw new Error(`font has no ${tag} table`)
}

const loaded = new Map<string, LoadedFont>()

export const loadFont = (slice: FontSlice): LoadedFont => {
  const cached = loaded.get(slice.key)
  if (cached) return cached
  const sfnt = woffToSfnt(readFileSync(slice.file))
  const blob = hb.createBlob(sfnt)
  const face = hb.createFace(blob, 0)
  const coverage = new Set(face.collectUnicodes())
  const font = hb.createFont(face)
  const upem = face.upem
  const hhea = sfntTable(sfnt, "hhea")
  const result: LoadedFont = {
    slice,
    sfnt,
    face,
    font,
    upem,
    ascender: hhea.readInt16BE(4) / upem,
    descender: Math.abs(hhea.readInt16BE(6)) / upem,
    coverage
  }
  loaded.set(slice.key, result)
  return result
}

/** First slice of the family whose unicode-range and cmap cover every code point (browser-like fallback). */
export const findSlice = (
  familyId: FamilyId,
  weight: FontWeight,
  codePoints: ReadonlyArray<number>
): LoadedFont | undefined => {
  const first = codePoints[0]
  if (first === undefined) return undefined
  for (const slice of familySlices(familyId, weight)) {
    if (!sliceCovers(slice, first)) continue
    const font = loadFont(slice)
    if (codePoints.every((cp) => font.coverage.has(cp))) return font
  }
  return undefined
}

/** Absolute path of a slice's WOFF file, for the Chromium reference (@font-face with unicode-range). */
export const sliceCss = (slice: FontSlice, url: string): string =>
  `@font-face{font-family:"${slice.family}";font-weight:${slice.weight};font-style:normal;src:url("${url}") format("woff");unicode-range:${slice.ranges
    .map(([lo, hi]) => (lo === hi ? `U+${lo.toString(16)}` : `U+${lo.toString(16)}-${hi.toString(16)}`))
    .join(",")}}`
