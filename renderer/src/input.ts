import { RenderError } from "./errors.ts"

export const FORMATS = ["png", "pdf", "svg"] as const
export type Format = (typeof FORMATS)[number]

/** What the renderer needs to draw one certificate. */
export interface CertificateInput {
  readonly learnerName: string
  readonly courseTitle: string
  /** YYYY-MM-DD */
  readonly completionDate: string
  readonly certificateId: string
  readonly verificationUrl: string
  readonly issuer: string
  readonly templateId: string
  readonly templateVersion: number
  /** BCP 47 tag, e.g. "en", "ja-JP" */
  readonly locale: string
}

export interface RenderRequest extends CertificateInput {
  readonly format: Format
}

export const LIMITS = {
  learnerName: 120,
  courseTitle: 200,
  issuer: 120,
  certificateId: 64,
  verificationUrl: 300,
  templateId: 40,
  locale: 35
} as const

// control characters, and explicit bidi embeddings/overrides/isolates (no bidi reordering is done)
const FORBIDDEN_CHARS = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\ufff9-\ufffb\ufffe\uffff]/u

const bad = (field: string, reason: string): RenderError =>
  new RenderError("InvalidInput", `${field}: ${reason}`)

const text = (o: Record<string, unknown>, field: keyof typeof LIMITS): string => {
  const v = o[field]
  if (v === undefined || v === null) throw bad(field, "is required")
  if (typeof v !== "string") throw bad(field, "must be a string")
  const s = v.normalize("NFC").trim()
  if (s.length === 0) throw bad(field, "must not be empty")
  const length = [...s].length
  if (length > LIMITS[field])
    throw bad(field, `is ${length} characters long, at most ${LIMITS[field]} allowed`)
  if (FORBIDDEN_CHARS.test(s)) throw bad(field, "contains control or bidi-override characters")
  if (/[\p{Cs}\p{Co}\p{Cn}]/u.test(s)) throw bad(field, "contains unassigned or private-use characters")
  return s
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const date = (o: Record<string, unknown>): string => {
  const v = o.completionDate
  if (v === undefined || v === null) throw bad("completionDate", "is required")
  if (typeof v !== "string") throw bad("completionDate", "must be a string")
  const m = DATE.exec(v)
  if (!m) throw bad("completionDate", "must be a date as YYYY-MM-DD")
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(Date.UTC(y, mo - 1, d))
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
    throw bad("completionDate", `${v} is not a calendar date`)
  }
  if (y < 2000 || y > 2999) throw bad("completionDate", "year must be between 2000 and 2999")
  return v
}

/** Validates and normalizes untrusted JSON. Throws RenderError (4xx) with a readable reason. */
export const parseRenderRequest = (u: unknown): RenderRequest => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) {
    throw new RenderError("InvalidInput", "body must be a JSON object")
  }
  const o = u as Record<string, unknown>
  const format = o.format
  if (format === undefined || format === null) throw bad("format", "is required")
  if (typeof format !== "string" || !(FORMATS as ReadonlyArray<string>).includes(format)) {
    throw new RenderError(
      "UnknownFormat",
      `format ${JSON.stringify(format).slice(0, 40)} is not one of ${FORMATS.join(", ")}`
    )
  }
  const input = parseCertificateInput(o)
  return { ...input, format: format as Format }
}

export const parseCertificateInput = (u: unknown): CertificateInput => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) {
    throw new RenderError("InvalidInput", "input must be an object")
  }
  const o = u as Record<string, unknown>
  const learnerName = text(o, "learnerName")
  const courseTitle = text(o, "courseTitle")
  const completionDate = date(o)
  const certificateId = text(o, "certificateId")
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(certificateId)) {
    throw bad("certificateId", "may contain only ASCII letters, digits and . _ : -")
  }
  const verificationUrl = text(o, "verificationUrl")
  let url: URL
  try {
    url = new URL(verificationUrl)
  } catch {
    throw bad("verificationUrl", "is not a valid absolute URL")
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw bad("verificationUrl", "must be http(s)")
  if (!/^[\x21-\x7e]+$/.test(verificationUrl)) throw bad("verificationUrl", "must be ASCII without spaces")
  const issuer = text(o, "issuer")
  const templateId = text(o, "templateId")
  if (!/^[a-z0-9][a-z0-9-]*$/.test(templateId))
    throw bad("templateId", "must be lowercase letters, digits and -")
  const templateVersion = o.templateVersion
  if (templateVersion === undefined || templateVersion === null) throw bad("templateVersion", "is required")
  if (typeof templateVersion !== "number" || !Number.isInteger(templateVersion) || templateVersion < 1) {
    throw bad("templateVersion", "must be a positive integer")
  }
  const locale = text(o, "locale")
  let canonical: string | undefined
  try {
    canonical = Intl.getCanonicalLocales(locale)[0]
  } catch {
    canonical = undefined
  }
  if (canonical === undefined) throw bad("locale", `${JSON.stringify(locale)} is not a BCP 47 language tag`)
  return {
    learnerName,
    courseTitle,
    completionDate,
    certificateId,
    verificationUrl,
    issuer,
    templateId,
    templateVersion,
    locale: canonical
  }
}
