import type { PublicCertificate } from "@certify/domain"
import { escapeHtml, page } from "./html.ts"

export interface VerificationLinks {
  readonly thumbnailUrl: string | undefined
  readonly jsonUrl: string
  /** Offered only for a valid certificate: a signed credential cannot be taken back. */
  readonly credentialUrl: string | undefined
  readonly jwksUrl: string
  readonly linkedInUrl: string
}

const day = (date: Date | undefined) => (date === undefined ? "—" : date.toISOString().slice(0, 10))

const statusLine = (c: PublicCertificate) => {
  if (c.status === "valid") return `<span class="status valid">Valid</span>`
  if (c.status === "revoked")
    return `<span class="status revoked">Revoked on ${escapeHtml(day(c.revokedAt))}</span>`
  return `<span class="status pending">Being issued</span>`
}

const credentialOffer = (links: VerificationLinks) =>
  links.credentialUrl === undefined
    ? "<p>No signed credential is offered for this certificate: it is not valid.</p>"
    : `<p>Download the <a href="${escapeHtml(links.credentialUrl)}">signed credential</a> (a JWS, Ed25519) and check it offline
against the issuer's public keys at <a href="${escapeHtml(links.jwksUrl)}">${escapeHtml(links.jwksUrl)}</a>, for example with
<code>npx jose</code> or any JOSE library: the signature must verify, and its claims must match this page.</p>`

/** The public page a verifier sees after scanning the QR code. Only what the certificate itself says. */
export const verificationPage = (c: PublicCertificate, links: VerificationLinks) => {
  const superseded =
    c.supersededVersions.length === 0
      ? ""
      : `<p>This is version ${c.version}. Earlier version${c.supersededVersions.length > 1 ? "s" : ""} ${c.supersededVersions.join(", ")} ${c.supersededVersions.length > 1 ? "were" : "was"} superseded by this one.</p>`
  const thumbnail =
    links.thumbnailUrl === undefined
      ? ""
      : `<p><img src="${escapeHtml(links.thumbnailUrl)}" alt="Certificate image" width="640" height="452" loading="lazy"></p>`
  return page(
    `Certificate ${c.certificateId}`,
    `<div class="card">
<h1>Certificate of completion</h1>
<p>${statusLine(c)}</p>
<dl>
<dt>Awarded to</dt><dd>${escapeHtml(c.printedName)}</dd>
<dt>Course</dt><dd>${escapeHtml(c.courseTitle)}</dd>
<dt>Completed</dt><dd>${escapeHtml(c.completedOn)}</dd>
<dt>Issued</dt><dd>${escapeHtml(day(c.issuedAt))}</dd>
<dt>Issuer</dt><dd>${escapeHtml(c.issuer)}</dd>
<dt>Certificate</dt><dd>${escapeHtml(c.certificateId)}</dd>
<dt>PDF SHA-256</dt><dd><code>${escapeHtml(c.pdfSha256 ?? "—")}</code></dd>
</dl>
${superseded}
${thumbnail}
${c.status === "valid" ? `<p><a href="${escapeHtml(links.linkedInUrl)}" rel="noopener">Add to LinkedIn profile</a></p>` : ""}
</div>
<div class="card" style="margin-top:1rem">
<h2>Verify it yourself</h2>
<p>Compare the SHA-256 of the PDF you were given with the one above: <code>sha256sum certificate.pdf</code>.</p>
${credentialOffer(links)}
<p><a href="${escapeHtml(links.jsonUrl)}">This page as JSON</a></p>
</div>`
  )
}

export const notFoundPage = () =>
  page(
    "Certificate not found",
    `<div class="card"><h1>Certificate not found</h1>
<p>No certificate has this id. Check that it was typed as printed: four groups of four characters, like ABCD-EFGH-JKMN-PQRS.</p></div>`
  )
