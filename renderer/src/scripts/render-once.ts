/**
 * Renders one certificate (PNG + PDF) in a fresh process and prints the SHA-256 of each as JSON.
 * Used by the determinism test: node renderer/src/scripts/render-once.ts '<input json>'
 */
import { renderCertificate, sha256Hex } from "../render/certificate.ts"
import { baseInput } from "../testing/fixtures.ts"

const arg = process.argv[2]
const input = arg ? { ...baseInput, ...(JSON.parse(arg) as object) } : baseInput
const out = await renderCertificate(input, ["png", "pdf", "svg"])
const result = {
  png: out.png ? sha256Hex(out.png) : null,
  pdf: out.pdf ? sha256Hex(out.pdf) : null,
  svg: out.svg ? sha256Hex(out.svg) : null
}
process.stdout.write(`${JSON.stringify(result)}\n`)
