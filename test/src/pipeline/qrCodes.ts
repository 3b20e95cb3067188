import { execFileSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { decodeQrCode } from "../browser/support/qrCode.ts"

/** The QR code's text from a certificate PNG's pixels (jsQR). */
export const qrCodeOfPng = (png: Uint8Array): string => decodeQrCode(png)

/**
 * The QR code's text from a certificate PDF, as a reader's scanner sees the printed page: Debian's
 * `pdftoppm` rasterizes it and `zbarimg` decodes it (both installed by scripts/bootstrap.sh).
 */
export const qrCodeOfPdf = (pdf: Uint8Array): string => {
  const dir = mkdtempSync(join(tmpdir(), "certify-qr-"))
  try {
    const pdfPath = join(dir, "certificate.pdf")
    writeFileSync(pdfPath, pdf)
    execFileSync("pdftoppm", ["-r", "150", "-png", "-singlefile", pdfPath, join(dir, "page")], {
      stdio: "pipe"
    })
    const decoded = execFileSync(
      "zbarimg",
      ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", join(dir, "page.png")],
      {
        encoding: "utf8",
        stdio: "pipe"
      }
    )
    const codes = decoded.split("\n").filter((line) => line.length > 0)
    if (codes.length !== 1) throw new Error(`expected one QR code in the PDF, zbarimg found ${codes.length}`)
    return codes[0] ?? ""
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
