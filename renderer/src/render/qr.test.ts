import { execFile } from "node:child_process"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { getTemplate } from "../templates/registry.ts"
import { baseInput } from "../testing/fixtures.ts"
import { renderCertificate } from "./certificate.ts"
import { layoutQr, MIN_QR_MM, QUIET_ZONE } from "./layout.ts"

const run = promisify(execFile)
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "renderer-qr-"))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const zbar = async (png: string): Promise<string> => {
  const { stdout } = await run("zbarimg", ["--quiet", "--raw", png], { timeout: 30_000 })
  return stdout.trim()
}

const url = "https://certify.example.com/verify/CERT-2025-000042?lang=en&v=1"

describe("QR code", () => {
  it("decodes from the PNG and from the PDF (pdftoppm -r 150) to the verification URL", async () => {
    const out = await renderCertificate({ ...baseInput, verificationUrl: url }, ["png", "pdf"])
    if (!out.png || !out.pdf) throw new Error("missing output")
    await writeFile(join(dir, "c.png"), out.png)
    await writeFile(join(dir, "c.pdf"), out.pdf)
    expect(await zbar(join(dir, "c.png"))).toBe(url)
    await run("pdftoppm", ["-r", "150", "-png", "-singlefile", join(dir, "c.pdf"), join(dir, "page")])
    expect(await zbar(join(dir, "page.png"))).toBe(url)
  })

  it("is at least 20 mm wide with a 4-module quiet zone, even for the longest allowed URL", () => {
    const t = getTemplate("classic", 1)
    const mmPerPx = (t.pageWidthPt / t.width) * (25.4 / 72)
    for (const u of [url, `https://certify.example.com/verify/${"x".repeat(260)}`]) {
      const qr = layoutQr(t, u)
      expect(qr.count * qr.modulePx * mmPerPx).toBeGreaterThanOrEqual(MIN_QR_MM)
      expect(qr.quietZoneModules).toBe(QUIET_ZONE)
      expect(qr.x - QUIET_ZONE * qr.modulePx).toBeGreaterThanOrEqual(t.qr.x)
      expect(qr.x + (qr.count + QUIET_ZONE) * qr.modulePx).toBeLessThanOrEqual(t.qr.x + t.qr.size)
    }
  })
})
