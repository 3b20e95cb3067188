import { inflateSync } from "node:zlib"

/**
 * Image comparison for "renders as Chromium renders it": decode PNGs, then compare the ink
 * (dark pixels) of two renderings after aligning their ink bounding boxes.
 */

export interface Gray {
  readonly width: number
  readonly height: number
  /** luminance 0 (black) … 255 (white), composited on white */
  readonly data: Uint8Array
}

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

/** Minimal PNG decoder: 8-bit grey/RGB/grey+alpha/RGBA, not interlaced. */
export const decodePngGray = (png: Uint8Array): Gray => {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength)
  let pos = 8
  let width = 0
  let height = 0
  let colorType = 0
  const idat: Buffer[] = []
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos)
    const type = buf.toString("latin1", pos + 4, pos + 8)
    const data = buf.subarray(pos + 8, pos + 8 + len)
    if (type === "IHDR") {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      if (data[8] !== 8 || data[12] !== 0) throw new Error("only 8-bit non-interlaced PNGs are supported")
      colorType = data[9] ?? 0
    } else if (type === "IDAT") idat.push(data)
    else if (type === "IEND") break
    pos += 12 + len
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType]
  if (channels === undefined) throw new Error(`unsupported PNG colour type ${colorType}`)
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const cur = new Uint8Array(stride)
  const prev = new Uint8Array(stride)
  const out = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    const off = y * (stride + 1)
    const filter = raw[off] ?? 0
    for (let i = 0; i < stride; i++) {
      const x = raw[off + 1 + i] ?? 0
      const a = i >= channels ? (cur[i - channels] ?? 0) : 0
      const b = prev[i] ?? 0
      const c = i >= channels ? (prev[i - channels] ?? 0) : 0
      cur[i] =
        filter === 0
          ? x
          : filter === 1
            ? x + a
            : filter === 2
              ? x + b
              : filter === 3
                ? x + ((a + b) >> 1)
                : x + paeth(a, b, c)
    }
    for (let px = 0; px < width; px++) {
      const s = px * channels
      let lum: number
      let alpha = 255
      if (channels <= 2) {
        lum = cur[s] ?? 0
        if (channels === 2) alpha = cur[s + 1] ?? 0
      } else {
        lum = 0.299 * (cur[s] ?? 0) + 0.587 * (cur[s + 1] ?? 0) + 0.114 * (cur[s + 2] ?? 0)
        if (channels === 4) alpha = cur[s + 3] ?? 0
      }
      out[y * width + px] = Math.round((lum * alpha + 255 * (255 - alpha)) / 255)
    }
    prev.set(cur)
  }
  return { width, height, data: out }
}

export interface InkBox {
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
}

const INK = 128

export const inkBox = (g: Gray): InkBox | undefined => {
  let x0 = g.width
  let y0 = g.height
  let x1 = -1
  let y1 = -1
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      if ((g.data[y * g.width + x] ?? 255) < INK) {
        if (x < x0) x0 = x
        if (x > x1) x1 = x
        if (y < y0) y0 = y
        if (y > y1) y1 = y
      }
    }
  }
  return x1 < 0 ? undefined : { x0, y0, x1: x1 + 1, y1: y1 + 1 }
}

export interface InkComparison {
  /** share of ink pixels (of both images) with no ink within 1 px in the other image, at the best shift */
  readonly mismatch: number
  readonly boxA: InkBox
  readonly boxB: InkBox
  readonly inkA: number
  readonly inkB: number
}

const isInk = (g: Gray, x: number, y: number): boolean =>
  x >= 0 && y >= 0 && x < g.width && y < g.height && (g.data[y * g.width + x] ?? 255) < INK

const nearInk = (g: Gray, x: number, y: number): boolean => {
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (isInk(g, x + dx, y + dy)) return true
  return false
}

/**
 * Compares the ink of two renderings of the same text. B is moved so that its ink box's top-left
 * meets A's (±2 px searched). A missing dot, a different glyph or a wrong order shows as mismatch.
 */
export const compareInk = (a: Gray, b: Gray): InkComparison => {
  const boxA = inkBox(a)
  const boxB = inkBox(b)
  if (!boxA || !boxB) throw new Error("an image has no ink")
  let best = Number.POSITIVE_INFINITY
  let inkA = 0
  let inkB = 0
  for (let y = boxA.y0; y < boxA.y1; y++) for (let x = boxA.x0; x < boxA.x1; x++) if (isInk(a, x, y)) inkA++
  for (let y = boxB.y0; y < boxB.y1; y++) for (let x = boxB.x0; x < boxB.x1; x++) if (isInk(b, x, y)) inkB++
  for (let sy = -2; sy <= 2; sy++) {
    for (let sx = -2; sx <= 2; sx++) {
      const dx = boxB.x0 - boxA.x0 + sx
      const dy = boxB.y0 - boxA.y0 + sy
      let miss = 0
      for (let y = boxA.y0; y < boxA.y1; y++)
        for (let x = boxA.x0; x < boxA.x1; x++) if (isInk(a, x, y) && !nearInk(b, x + dx, y + dy)) miss++
      for (let y = boxB.y0; y < boxB.y1; y++)
        for (let x = boxB.x0; x < boxB.x1; x++) if (isInk(b, x, y) && !nearInk(a, x - dx, y - dy)) miss++
      best = Math.min(best, miss)
    }
  }
  return { mismatch: best / (inkA + inkB), boxA, boxB, inkA, inkB }
}
