import { execFileSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

export interface ArtifactQuality {
  /** pdftotext finds the printed name, the course title and the certificate id. */
  readonly pdfTextLayer: boolean
  readonly qrFromPng: boolean
  /** The PDF rasterized at 300 dpi, then decoded. */
  readonly qrFromPdf: boolean
  /** Raster images embedded in the PDF (0: everything is vector). */
  readonly pdfRasterImages: number
}

const tool = (command: string, args: ReadonlyArray<string>) => {
  try {
    return execFileSync(command, args, {
      encoding: "utf8",
      timeout: 60_000,
      stdio: ["ignore", "pipe", "ignore"]
    })
  } catch {
    return ""
  }
}

/** What the issue asks of the artifacts besides speed, checked with the same Debian tools a person would use. */
export const artifactQuality = (
  artifacts: { readonly png: Uint8Array; readonly pdf: Uint8Array },
  expected: {
    readonly learnerName: string
    readonly courseTitle: string
    readonly certificateId: string
    readonly verificationUrl: string
  }
): ArtifactQuality => {
  const dir = mkdtempSync(join(tmpdir(), "render-quality-"))
  try {
    const png = join(dir, "certificate.png")
    const pdf = join(dir, "certificate.pdf")
    writeFileSync(png, artifacts.png)
    writeFileSync(pdf, artifacts.pdf)
    const text = tool("pdftotext", ["-enc", "UTF-8", pdf, "-"]).replace(/\s+/g, " ")
    tool("pdftoppm", ["-r", "300", "-png", "-singlefile", pdf, join(dir, "page")])
    const decoded = (file: string) => tool("zbarimg", ["--quiet", "--raw", file]).trim()
    const images = tool("pdfimages", ["-list", pdf])
      .trim()
      .split("\n")
      .slice(2)
      .filter((line) => line.trim() !== "")
    return {
      pdfTextLayer: [expected.learnerName, expected.courseTitle, expected.certificateId].every((s) =>
        text.includes(s)
      ),
      qrFromPng: decoded(png) === expected.verificationUrl,
      qrFromPdf: decoded(join(dir, "page.png")) === expected.verificationUrl,
      pdfRasterImages: images.length
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
