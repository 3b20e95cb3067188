import { describe, expect, it } from "vitest"
import { parseRenderRequest } from "./input.ts"
import { baseInput } from "./testing/fixtures.ts"

const code = (u: unknown): string => {
  try {
    parseRenderRequest(u)
    return "ok"
  } catch (e) {
    return (e as { code: string }).code
  }
}

describe("input validation", () => {
  it("accepts a good request and normalizes it", () => {
    const r = parseRenderRequest({ ...baseInput, learnerName: "  Jose\u0301  ", locale: "EN-us" })
    expect(r.learnerName).toBe("José")
    expect(r.locale).toBe("en-US")
  })

  it.each([
    ["not an object", "nope", "InvalidInput"],
    ["null", null, "InvalidInput"],
    ["missing format", { ...baseInput, format: undefined }, "InvalidInput"],
    ["unknown format", { ...baseInput, format: "jpeg" }, "UnknownFormat"],
    ["number name", { ...baseInput, learnerName: 42 }, "InvalidInput"],
    ["too long course", { ...baseInput, courseTitle: "x".repeat(201) }, "InvalidInput"],
    ["bidi override", { ...baseInput, learnerName: "abc\u202edef" }, "InvalidInput"],
    ["private use", { ...baseInput, learnerName: "abc\ue000" }, "InvalidInput"],
    ["bad date format", { ...baseInput, completionDate: "07/03/2025" }, "InvalidInput"],
    ["impossible date", { ...baseInput, completionDate: "2025-13-01" }, "InvalidInput"],
    ["bad certificate id", { ...baseInput, certificateId: "a b" }, "InvalidInput"],
    ["relative url", { ...baseInput, verificationUrl: "/verify/1" }, "InvalidInput"],
    ["too long url", { ...baseInput, verificationUrl: `https://e.com/${"x".repeat(300)}` }, "InvalidInput"],
    ["bad template id", { ...baseInput, templateId: "../etc" }, "InvalidInput"],
    ["string version", { ...baseInput, templateVersion: "1" }, "InvalidInput"],
    ["bad locale", { ...baseInput, locale: "not a locale" }, "InvalidInput"]
  ])("rejects %s", (_label, input, expected) => {
    expect(code(input)).toBe(expected)
  })
})
