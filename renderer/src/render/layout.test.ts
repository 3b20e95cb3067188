import { describe, expect, it } from "vitest"
import { getTemplate } from "../templates/registry.ts"
import { baseInput } from "../testing/fixtures.ts"
import { formatDate, layoutCertificate } from "./layout.ts"

const template = getTemplate("classic", 1)
const nameSlot = (learnerName: string) => {
  const layout = layoutCertificate(template, { ...baseInput, learnerName })
  const slot = layout.slots.find((s) => s.field === "learnerName")
  if (!slot) throw new Error("no name slot")
  return slot
}

describe("layout", () => {
  it("shrinks long names to fit, keeping them inside the name box and the frame", () => {
    const names = [
      "Ana Li",
      "José Ñúñez-Grüßmann",
      "Maria Fernanda Gonçalves de Albuquerque",
      "Hubert Blaine Wolfeschlegelsteinhausenbergerdorff Senior",
      "Adolph Hubert Blaine Charles David Earl Frederick Gerald Wolfeschlegelsteinhausen Jr."
    ]
    const slots = names.map(nameSlot)
    for (let i = 1; i < slots.length; i++) {
      expect(slots[i]?.size ?? 0).toBeLessThanOrEqual(slots[i - 1]?.size ?? 0)
    }
    expect(slots[0]?.size).toBe(120)
    expect(slots[4]?.size ?? 120).toBeLessThan(60)
    for (const s of slots) {
      const box = s.box
      if (!box) throw new Error("no box")
      expect(s.x).toBeGreaterThanOrEqual(box.x - 0.01)
      expect(s.x + s.width).toBeLessThanOrEqual(box.x + box.w + 0.01)
      expect(s.baseline - s.shaped.ascender * s.size).toBeGreaterThanOrEqual(box.y - 0.01)
      expect(s.baseline + s.shaped.descender * s.size).toBeLessThanOrEqual(box.y + box.h + 0.01)
      // the inner (gold) frame is at 80 px from each edge
      expect(s.x).toBeGreaterThan(80)
      expect(s.x + s.width).toBeLessThan(template.width - 80)
    }
  })

  it("refuses a name that cannot fit even at the minimum size", () => {
    expect(() => nameSlot("王".repeat(110))).toThrow(expect.objectContaining({ code: "TextTooLong" }))
  })

  it("formats the completion date without locale data", () => {
    expect(formatDate("2025-03-07")).toBe("7 March 2025")
    expect(formatDate("2024-12-31")).toBe("31 December 2024")
  })
})
