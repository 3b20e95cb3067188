import { execFile } from "node:child_process"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { baseInput, scriptSamples, stripBidiMarks, withName } from "../testing/fixtures.ts"
import { renderCertificate } from "./certificate.ts"

const run = promisify(execFile)
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "renderer-pdf-"))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const pdfOf = async (input: typeof baseInput, name: string): Promise<{ path: string; bytes: Buffer }> => {
  const out = await renderCertificate(input, ["pdf"])
  if (!out.pdf) throw new Error("no pdf")
  const path = join(dir, `${name}.pdf`)
  await writeFile(path, out.pdf)
  return { path, bytes: out.pdf }
}

describe("PDF", () => {
  it.each(scriptSamples)(
    "has a text layer with the name ($script: $name), course and certificate id",
    async (s) => {
      const { path } = await pdfOf(withName(s, "pdf"), s.slug)
      const { stdout } = await run("pdftotext", ["-enc", "UTF-8", path, "-"])
      const text = stripBidiMarks(stdout).normalize("NFC")
      expect(text).toContain(s.name)
      expect(text).toContain(baseInput.courseTitle)
      expect(text).toContain(baseInput.certificateId)
    }
  )

  it("is vector (no raster images), embeds its fonts, is small, and is A4 landscape", async () => {
    const { path, bytes } = await pdfOf(baseInput, "props")
    expect(bytes.includes("/Subtype /Image")).toBe(false)
    expect(bytes.length).toBeLessThan(60_000)
    const fonts = await run("pdffonts", [path])
    const rows = fonts.stdout
      .split("\n")
      .slice(2)
      .filter((l) => l.trim())
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(row).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/) // embedded + subset
    const info = await run("pdfinfo", [path])
    expect(info.stdout).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/)
    expect(info.stdout).toMatch(/CreationDate:.*2025/)
  })
})
