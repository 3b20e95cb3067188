import { inflateSync } from "node:zlib"

/**
 * Decodes a WOFF 1.0 file into a plain SFNT (TrueType/OpenType) font.
 * HarfBuzz and pdfkit work on SFNT data; fontsource ships WOFF/WOFF2 only.
 */
export const woffToSfnt = (woff: Uint8Array): Buffer => {
  const src = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength)
  if (src.length < 44 || src.readUInt32BE(0) !== 0x774f4646) throw new Error("not a WOFF 1.0 font")
  const flavor = src.readUInt32BE(4)
  const numTables = src.readUInt16BE(12)
  const tables: Array<{ tag: number; checksum: number; data: Buffer }> = []
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20
    const tag = src.readUInt32BE(entry)
    const offset = src.readUInt32BE(entry + 4)
    const compLength = src.readUInt32BE(entry + 8)
    const origLength = src.readUInt32BE(entry + 12)
    const checksum = src.readUInt32BE(entry + 16)
    const raw = src.subarray(offset, offset + compLength)
    const data = compLength < origLength ? inflateSync(raw) : Buffer.from(raw)
    if (data.length !== origLength) throw new Error("corrupt WOFF table")
    tables.push({ tag, checksum, data })
  }
  tables.sort((a, b) => a.tag - b.tag)
  let entrySelector = 0
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++
  const searchRange = 2 ** entrySelector * 16
  const headerSize = 12 + numTables * 16
  let size = headerSize
  for (const t of tables) size += (t.data.length + 3) & ~3
  const out = Buffer.alloc(size)
  out.writeUInt32BE(flavor, 0)
  out.writeUInt16BE(numTables, 4)
  out.writeUInt16BE(searchRange, 6)
  out.writeUInt16BE(entrySelector, 8)
  out.writeUInt16BE(numTables * 16 - searchRange, 10)
  let offset = headerSize
  tables.forEach((t, i) => {
    const rec = 12 + i * 16
    out.writeUInt32BE(t.tag, rec)
    out.writeUInt32BE(t.checksum, rec + 4)
    out.writeUInt32BE(offset, rec + 8)
    out.writeUInt32BE(t.data.length, rec + 12)
    t.data.copy(out, offset)
    offset += (t.data.length + 3) & ~3
  })
  return out
}
