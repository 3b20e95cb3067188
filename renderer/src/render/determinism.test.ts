import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"
import { baseInput } from "../testing/fixtures.ts"
import { renderCertificate, sha256Hex } from "./certificate.ts"

const run = promisify(execFile)
const script = fileURLToPath(new URL("../scripts/render-once.ts", import.meta.url))

const renderInFreshProcess = async (input: object): Promise<{ png: string; pdf: string; svg: string }> => {
  const { stdout } = await run(process.execPath, [script, JSON.stringify(input)], { timeout: 60_000 })
  return JSON.parse(stdout) as { png: string; pdf: string; svg: string }
}

describe("deterministic output", () => {
  it("gives byte-identical PNG and PDF in two separate node processes", async () => {
    const input = { learnerName: "अनन्या शर्मा", locale: "hi" }
    const [a, b] = await Promise.all([renderInFreshProcess(input), renderInFreshProcess(input)])
    expect(a.png).toMatch(/^[0-9a-f]{64}$/)
    expect(a.png).toBe(b.png)
    expect(a.pdf).toBe(b.pdf)
    expect(a.svg).toBe(b.svg)
    // and the same as this (warm, long-lived) process
    const here = await renderCertificate({ ...baseInput, ...input }, ["png", "pdf"])
    expect(here.png && sha256Hex(here.png)).toBe(a.png)
    expect(here.pdf && sha256Hex(here.pdf)).toBe(a.pdf)
  })

  it("changes the bytes when the data changes", async () => {
    const a = await renderCertificate(baseInput, ["png", "pdf"])
    const b = await renderCertificate({ ...baseInput, certificateId: "CERT-2025-000043" }, ["png", "pdf"])
    expect(a.png && sha256Hex(a.png)).not.toBe(b.png && sha256Hex(b.png))
    expect(a.pdf && sha256Hex(a.pdf)).not.toBe(b.pdf && sha256Hex(b.pdf))
  })
})
