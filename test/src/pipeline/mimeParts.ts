/** A leaf of a MIME message: its headers (lower-cased names) and decoded body. */
export interface MimePart {
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer
}

const splitHead = (raw: string) => {
  const at = raw.search(/\r?\n\r?\n/)
  if (at < 0) return { head: raw, body: "" }
  return { head: raw.slice(0, at), body: raw.slice(at).replace(/^\r?\n\r?\n/, "") }
}

export const headersOf = (head: string): Record<string, string> => {
  const headers: Record<string, string> = {}
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":")
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return headers
}

/** Just enough MIME to find the attachments nodemailer writes (multipart, base64, quoted-printable text). */
export const mimeParts = (raw: string): Array<MimePart> => {
  const { head, body } = splitHead(raw)
  const headers = headersOf(head)
  const boundary = /boundary="?([^";]+)"?/i.exec(headers["content-type"] ?? "")?.[1]
  if (boundary !== undefined)
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((segment) => !segment.startsWith("--"))
      .flatMap((segment) => mimeParts(segment.replace(/^\r?\n/, "")))
  const encoding = (headers["content-transfer-encoding"] ?? "").toLowerCase()
  const decoded = encoding === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64") : Buffer.from(body)
  return [{ headers, body: decoded }]
}

export const messageHeaders = (raw: string) => headersOf(splitHead(raw).head)
