import { RenderError } from "../errors.ts"
import { classicV1 } from "./classic.ts"
import type { CertificateTemplate } from "./types.ts"

/**
 * Released templates by id and version. A released version is frozen: a certificate records
 * its templateId@templateVersion, so re-rendering it later gives the same bytes.
 */
const TEMPLATES: ReadonlyArray<CertificateTemplate> = [classicV1]

export const templateKey = (id: string, version: number): string => `${id}@${version}`

export const listTemplates = (): ReadonlyArray<string> => TEMPLATES.map((t) => templateKey(t.id, t.version))

export const getTemplate = (id: string, version: number): CertificateTemplate => {
  const t = TEMPLATES.find((c) => c.id === id && c.version === version)
  if (!t) {
    throw new RenderError(
      "UnknownTemplate",
      `unknown template ${templateKey(id, version)}; known: ${listTemplates().join(", ")}`
    )
  }
  return t
}
