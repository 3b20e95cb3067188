import type { RenderRequest } from "../input.ts"

export const baseInput: RenderRequest = {
  learnerName: "José Ñúñez-Grüßmann",
  courseTitle: "Advanced TypeScript: Effects, Schemas and Streams",
  completionDate: "2025-03-07",
  certificateId: "CERT-2025-000042",
  verificationUrl: "https://certify.example.com/verify/CERT-2025-000042",
  issuer: "Certify Academy",
  templateId: "classic",
  templateVersion: 1,
  locale: "en",
  format: "png"
}

export interface ScriptSample {
  /** file-name friendly */
  readonly slug: string
  readonly script: "Latin" | "Devanagari" | "CJK" | "Arabic"
  readonly name: string
  readonly locale: string
}

/** Names in every script the renderer supports; each renders correctly (checked against Chromium). */
export const scriptSamples: ReadonlyArray<ScriptSample> = [
  { slug: "latin-jose", script: "Latin", name: "José Ñúñez-Grüßmann", locale: "es" },
  { slug: "latin-zoe", script: "Latin", name: "Zoë Łukasiewicz", locale: "pl" },
  { slug: "devanagari", script: "Devanagari", name: "अनन्या शर्मा", locale: "hi" },
  { slug: "cjk-zh", script: "CJK", name: "王小明", locale: "zh-CN" },
  { slug: "cjk-ja", script: "CJK", name: "田中 花子", locale: "ja" },
  { slug: "arabic", script: "Arabic", name: "محمد علي", locale: "ar" }
]

export const withName = (sample: ScriptSample, format: RenderRequest["format"] = "png"): RenderRequest => ({
  ...baseInput,
  learnerName: sample.name,
  locale: sample.locale,
  format
})

/** Strips bidi marks that pdftotext adds around right-to-left text. */
export const stripBidiMarks = (s: string): string =>
  s.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
