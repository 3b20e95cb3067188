import { deflateSync } from "node:zlib"
import { Resvg } from "@resvg/resvg-js"
import { describe, expect, it } from "vitest"
import { decodePngGray } from "../reference/compare.ts"
import { layoutCertificate } from "../render/layout.ts"
import { RESVG_OPTIONS, renderPng } from "../render/png.ts"
import { certificateSvg } from "../render/svg.ts"
import { getTemplate } from "../templates/registry.ts"
import { baseInput } from "../testing/fixtures.ts"
import { adler32, adler32Combine } from "./png.ts"

const zlibAdler = (b: Uint8Array): number => deflateSync(b).readUInt32BE(deflateSync(b).length - 4)

describe("banded PNG encoder", () => {
  it("computes and combines Adler-32 like zlib", () => {
    const a = Buffer.from("certificate ".repeat(1000))
    const b = Buffer.alloc(70_000, 0xfe)
    expect(adler32(a)).toBe(zlibAdler(a))
    expect(adler32Combine(adler32(a), adler32(b), b.length)).toBe(zlibAdler(Buffer.concat([a, b])))
  })

  it("produces the same picture as rendering the whole SVG at once", async () => {
    const layout = layoutCertificate(getTemplate("classic", 1), baseInput)
    const banded = decodePngGray(await renderPng(layout))
    const whole = decodePngGray(new Resvg(await certificateSvg(layout), RESVG_OPTIONS).render().asPng())
    expect([banded.width, banded.height]).toEqual([2000, 1414])
    // identical up to anti-aliasing: a band's viewBox offset changes float rounding on edges that
    // fall exactly on pixel boundaries
    let differing = 0
    let maxDiff = 0
    for (let i = 0; i < whole.data.length; i++) {
      const d = Math.abs((banded.data[i] ?? 0) - (whole.data[i] ?? 0))
      if (d > 2) differing++
      maxDiff = Math.max(maxDiff, d)
    }
    expect(differing).toBeLessThan(whole.data.length * 0.0005)
    expect(maxDiff).toBeLessThan(96)
  })
})
