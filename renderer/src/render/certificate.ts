import { createHash } from "node:crypto"
import { type CertificateInput, type Format, parseCertificateInput, type RenderRequest } from "../input.ts"
import { getTemplate } from "../templates/registry.ts"
import { type CertificateLayout, layoutCertificate } from "./layout.ts"
import { renderPdf } from "./pdf.ts"
import { renderPng } from "./png.ts"
import { certificateSvg } from "./svg.ts"

export interface RenderedCertificate {
  svg?: string
  png?: Buffer
  pdf?: Buffer
}

export interface Artifact {
  readonly format: Format
  readonly contentType: string
  readonly bytes: Buffer
  /** hex SHA-256 of bytes */
  readonly sha256: string
}

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  png: "image/png",
  pdf: "application/pdf",
  svg: "image/svg+xml; charset=utf-8"
}

/** Validates (throws RenderError 4xx) and lays out a certificate: fonts, shaping, sizes, QR. */
export const prepareCertificate = (input: CertificateInput): CertificateLayout => {
  const valid = parseCertificateInput(input)
  return layoutCertificate(getTemplate(valid.templateId, valid.templateVersion), valid)
}

/** Renders the requested formats (default: all three). Same input → byte-identical output. */
export const renderCertificate = async (
  input: CertificateInput,
  formats: ReadonlyArray<Format> = ["svg", "png", "pdf"]
): Promise<RenderedCertificate> => {
  const layout = prepareCertificate(input)
  const out: RenderedCertificate = {}
  if (formats.includes("svg")) out.svg = await certificateSvg(layout)
  if (formats.includes("png")) out.png = await renderPng(layout)
  if (formats.includes("pdf")) out.pdf = await renderPdf(layout)
  return out
}

export const sha256Hex = (bytes: Buffer | string): string => createHash("sha256").update(bytes).digest("hex")

/** One artifact for an HTTP request. */
export const renderArtifact = async (request: RenderRequest): Promise<Artifact> => {
  const layout = prepareCertificate(request)
  const bytes =
    request.format === "png"
      ? await renderPng(layout)
      : request.format === "pdf"
        ? await renderPdf(layout)
        : Buffer.from(await certificateSvg(layout), "utf8")
  return {
    format: request.format,
    contentType: CONTENT_TYPES[request.format],
    bytes,
    sha256: sha256Hex(bytes)
  }
}
