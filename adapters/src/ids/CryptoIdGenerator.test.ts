import { CertificateId } from "@certify/domain"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { randomCertificateId } from "./index.ts"

describe("certificate ids", () => {
  it("are 80 random bits in an unambiguous, typeable alphabet", () => {
    const ids = Array.from({ length: 2_000 }, randomCertificateId)
    for (const id of ids) {
      expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/)
      expect(Schema.is(CertificateId)(id)).toBe(true)
    }
    expect(new Set(ids).size).toBe(ids.length)
  })
})
