import { constants, crc32, deflateRawSync } from "node:zlib"

/**
 * PNG encoder for "static background + a few changing horizontal bands".
 *
 * The image is cut into row segments. Static segments are filtered and deflated once (level 9) and
 * kept as finished IDAT chunks; per render only the dynamic bands are composited, filtered (Sub,
 * so no row depends on another segment) and deflated. Each segment is an independent deflate run
 * ended by a full flush, so the pieces concatenate into one valid zlib stream; the Adler-32 of the
 * whole stream is combined from the per-segment checksums.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const ADLER_BASE = 65521

export const adler32 = (data: Uint8Array, start = 1): number => {
  let a = start & 0xffff
  let b = (start >>> 16) & 0xffff
  const n = data.length
  let i = 0
  while (i < n) {
    const end = Math.min(i + 3800, n)
    for (; i < end; i++) {
      a += data[i] as number
      b += a
    }
    a %= ADLER_BASE
    b %= ADLER_BASE
  }
  return ((b << 16) | a) >>> 0
}

/** adler32(A ‖ B) from adler32(A), adler32(B) and |B| (as zlib's adler32_combine). */
export const adler32Combine = (adler1: number, adler2: number, len2: number): number => {
  const rem = len2 % ADLER_BASE
  let sum1 = adler1 & 0xffff
  let sum2 = (rem * sum1) % ADLER_BASE
  sum1 += (adler2 & 0xffff) + ADLER_BASE - 1
  sum2 += ((adler1 >>> 16) & 0xffff) + ((adler2 >>> 16) & 0xffff) + ADLER_BASE - rem
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE
  if (sum2 >= ADLER_BASE * 2) sum2 -= ADLER_BASE * 2
  if (sum2 >= ADLER_BASE) sum2 -= ADLER_BASE
  return ((sum2 << 16) | sum1) >>> 0
}

const TYPE_IDAT = Buffer.from("IDAT", "latin1")
const CRC_IDAT = crc32(TYPE_IDAT)

const chunk = (type: string, data: Uint8Array): Buffer => {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, "latin1")
  out.set(data, 8)
  out.writeUInt32BE(
    type === "IDAT" ? crc32(data, CRC_IDAT) : crc32(out.subarray(4, 8 + data.length)),
    8 + data.length
  )
  return out
}

const deflateSegment = (raw: Uint8Array, level: number): Buffer =>
  deflateRawSync(raw, { level, memLevel: 9, finishFlush: constants.Z_FULL_FLUSH })

interface Segment {
  readonly y0: number
  readonly y1: number
  readonly dynamic: boolean
  /** static segments: finished IDAT chunk, Adler-32 and length of the raw (filtered) bytes */
  readonly chunk?: Buffer
  readonly adler?: number
  readonly rawLength: number
}

export interface BandedPng {
  readonly width: number
  readonly height: number
  /** opaque background, RGB */
  readonly base: Uint8Array
  readonly segments: ReadonlyArray<Segment>
  readonly head: Buffer
  /** dynamic row bands [y0, y1) in segment order */
  readonly bands: ReadonlyArray<readonly [number, number]>
}

/** Merges row ranges, then builds and compresses the static segments. */
export const planBandedPng = (
  width: number,
  height: number,
  baseRgba: Uint8Array,
  dynamicRows: ReadonlyArray<readonly [number, number]>
): BandedPng => {
  const base = new Uint8Array(width * height * 3)
  for (let i = 0, j = 0; i < width * height * 4; i += 4, j += 3) {
    base[j] = baseRgba[i] ?? 0
    base[j + 1] = baseRgba[i + 1] ?? 0
    base[j + 2] = baseRgba[i + 2] ?? 0
  }
  const ranges = dynamicRows
    .map(([a, b]) => [Math.max(0, Math.floor(a)), Math.min(height, Math.ceil(b))] as const)
    .filter(([a, b]) => b > a)
    .sort((p, q) => p[0] - q[0])
  const merged: Array<[number, number]> = []
  for (const [a, b] of ranges) {
    const last = merged[merged.length - 1]
    if (last && a <= last[1]) last[1] = Math.max(last[1], b)
    else merged.push([a, b])
  }
  const stride = width * 3
  const segments: Segment[] = []
  const addStatic = (y0: number, y1: number): void => {
    if (y1 <= y0) return
    const raw = new Uint8Array((y1 - y0) * (stride + 1))
    for (let y = y0; y < y1; y++) {
      const o = (y - y0) * (stride + 1)
      const row = y * stride
      if (y === y0) {
        raw[o] = 1
        for (let i = 0; i < stride; i++)
          raw[o + 1 + i] = ((base[row + i] ?? 0) - (i >= 3 ? (base[row + i - 3] ?? 0) : 0)) & 255
      } else {
        raw[o] = 2
        for (let i = 0; i < stride; i++)
          raw[o + 1 + i] = ((base[row + i] ?? 0) - (base[row - stride + i] ?? 0)) & 255
      }
    }
    segments.push({
      y0,
      y1,
      dynamic: false,
      chunk: chunk("IDAT", deflateSegment(raw, 9)),
      adler: adler32(raw),
      rawLength: raw.length
    })
  }
  let y = 0
  for (const [a, b] of merged) {
    addStatic(y, a)
    segments.push({ y0: a, y1: b, dynamic: true, rawLength: (b - a) * (stride + 1) })
    y = b
  }
  addStatic(y, height)
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // truecolour RGB
  const head = Buffer.concat([SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", Buffer.from([0x78, 0x01]))])
  return { width, height, base, segments, head, bands: merged }
}

/** A dynamic band's raw scanlines (filter byte + RGB per row), pre-filled with the background. */
export interface BandRows {
  readonly y0: number
  readonly y1: number
  readonly width: number
  readonly raw: Uint8Array
}

/** Composites a premultiplied RGBA tile (as resvg renders it) at (tx, ty) over the band. */
export const compositeTile = (
  band: BandRows,
  tile: Uint8Array,
  tx: number,
  ty: number,
  tw: number,
  th: number
): void => {
  const stride = band.width * 3 + 1
  const words = new Uint32Array(tile.buffer, tile.byteOffset, tile.byteLength >>> 2)
  for (let y = 0; y < th; y++) {
    const row = ty + y
    if (row < band.y0 || row >= band.y1) continue
    const rowOff = (row - band.y0) * stride + 1
    for (let x = 0; x < tw; x++) {
      const w = words[y * tw + x] as number
      if (w === 0) continue // fully transparent
      const s = (y * tw + x) * 4
      const a = tile[s + 3] as number
      const d = rowOff + (tx + x) * 3
      if (a === 255) {
        band.raw[d] = tile[s] as number
        band.raw[d + 1] = tile[s + 1] as number
        band.raw[d + 2] = tile[s + 2] as number
      } else {
        const k = 255 - a
        band.raw[d] = ((tile[s] as number) + ((band.raw[d] as number) * k + 127) / 255) | 0
        band.raw[d + 1] = ((tile[s + 1] as number) + ((band.raw[d + 1] as number) * k + 127) / 255) | 0
        band.raw[d + 2] = ((tile[s + 2] as number) + ((band.raw[d + 2] as number) * k + 127) / 255) | 0
      }
    }
  }
}

/** Fills an opaque, pixel-aligned rectangle (QR modules). */
export const fillRect = (
  band: BandRows,
  x: number,
  y: number,
  w: number,
  h: number,
  rgb: readonly [number, number, number]
): void => {
  const stride = band.width * 3 + 1
  for (let row = Math.max(y, band.y0); row < Math.min(y + h, band.y1); row++) {
    let d = (row - band.y0) * stride + 1 + x * 3
    for (let i = 0; i < w; i++, d += 3) {
      band.raw[d] = rgb[0]
      band.raw[d + 1] = rgb[1]
      band.raw[d + 2] = rgb[2]
    }
  }
}

/**
 * Encodes the PNG. Each dynamic band starts as the background (filter None rows, copied natively);
 * paint(band) draws the certificate's variable parts into it.
 */
export const encodeBandedPng = (plan: BandedPng, paint: (band: BandRows) => void, level = 1): Buffer => {
  const { width, base } = plan
  const stride = width * 3
  const parts: Buffer[] = [plan.head]
  let adler = 1
  for (const seg of plan.segments) {
    if (!seg.dynamic) {
      if (seg.chunk === undefined || seg.adler === undefined) throw new Error("static segment not prepared")
      parts.push(seg.chunk)
      adler = adler32Combine(adler, seg.adler, seg.rawLength)
      continue
    }
    const raw = new Uint8Array(seg.rawLength)
    for (let y = seg.y0; y < seg.y1; y++) {
      const o = (y - seg.y0) * (stride + 1)
      raw[o] = 0 // filter None
      raw.set(base.subarray(y * stride, (y + 1) * stride), o + 1)
    }
    paint({ y0: seg.y0, y1: seg.y1, width, raw })
    parts.push(chunk("IDAT", deflateSegment(raw, level)))
    adler = adler32Combine(adler, adler32(raw), raw.length)
  }
  const tail = Buffer.alloc(6)
  tail[0] = 0x03 // final empty fixed-Huffman block
  tail[1] = 0x00
  tail.writeUInt32BE(adler, 2)
  parts.push(chunk("IDAT", tail), chunk("IEND", new Uint8Array(0)))
  return Buffer.concat(parts)
}
