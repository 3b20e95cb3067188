import type { CertificateEmail } from "@certify/domain"

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export const PNG_CONTENT_ID = "certificate-image@certify"

/** The learner's email: HTML and text with both links, the PDF attached and the PNG inline. */
export const certificateMessage = (email: CertificateEmail, from: string) => ({
  from,
  to: email.to,
  messageId: email.messageId,
  subject: `Your certificate: ${email.courseTitle}`,
  text: [
    `Hello ${email.learnerName},`,
    "",
    `Congratulations on completing ${email.courseTitle}. Your certificate (${email.certificateId}) is attached as a PDF.`,
    "",
    `Verify it: ${email.verificationUrl}`,
    `Download it: ${email.downloadUrl}`
  ].join("\n"),
  html: [
    `<p>Hello ${escapeHtml(email.learnerName)},</p>`,
    `<p>Congratulations on completing <strong>${escapeHtml(email.courseTitle)}</strong>. Your certificate (${escapeHtml(email.certificateId)}) is attached as a PDF.</p>`,
    `<p><img src="cid:${PNG_CONTENT_ID}" alt="Your certificate" width="600"></p>`,
    `<p><a href="${escapeHtml(email.verificationUrl)}">Verify the certificate</a> · <a href="${escapeHtml(email.downloadUrl)}">Download it</a></p>`
  ].join("\n"),
  attachments: [
    {
      filename: `certificate-${email.certificateId}.pdf`,
      content: Buffer.from(email.pdf),
      contentType: "application/pdf"
    },
    {
      filename: `certificate-${email.certificateId}.png`,
      content: Buffer.from(email.png),
      contentType: "image/png",
      cid: PNG_CONTENT_ID
    }
  ]
})
