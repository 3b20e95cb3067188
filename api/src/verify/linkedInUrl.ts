/** LinkedIn's "Add to profile" link for a certification, prefilled with the certificate's fields. */
export const linkedInUrl = (fields: {
  readonly courseTitle: string
  readonly issuer: string
  readonly issuedAt: Date | undefined
  readonly certificateId: string
  readonly verificationUrl: string
}) => {
  const params = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: fields.courseTitle,
    organizationName: fields.issuer,
    certUrl: fields.verificationUrl,
    certId: fields.certificateId
  })
  if (fields.issuedAt !== undefined) {
    params.set("issueYear", String(fields.issuedAt.getUTCFullYear()))
    params.set("issueMonth", String(fields.issuedAt.getUTCMonth() + 1))
  }
  return `https://www.linkedin.com/profile/add?${params.toString()}`
}
