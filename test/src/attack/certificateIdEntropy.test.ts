import { CERTIFICATE_ID_BITS, randomCertificateId } from "@certify/adapters/ids"
import { describe, expect, it } from "vitest"

const SAMPLES = 100_000
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/** Shannon entropy, in bits, of the observed symbol counts. */
const shannon = (counts: ReadonlyMap<string, number>, total: number) =>
  [...counts.values()].reduce((bits, n) => bits - (n / total) * Math.log2(n / total), 0)

describe("certificate ids from the production generator", () => {
  it(`carry ≥ 80 bits: ${SAMPLES} ids, 16 positions of 5 measured bits each, no duplicate`, () => {
    const ids = Array.from({ length: SAMPLES }, () => randomCertificateId().replaceAll("-", ""))
    const positions = Array.from({ length: 16 }, () => new Map<string, number>())
    for (const id of ids)
      for (let i = 0; i < id.length; i++) {
        const counts = positions[i] as Map<string, number>
        const symbol = id[i] as string
        counts.set(symbol, (counts.get(symbol) ?? 0) + 1)
      }
    const perPosition = positions.map((counts) => shannon(counts, SAMPLES))
    const measured = perPosition.reduce((sum, bits) => sum + bits, 0)
    const byConstruction = 16 * Math.log2(ALPHABET.length)
    const duplicates = SAMPLES - new Set(ids).size
    // At one million issued certificates, a uniformly random guess hits one with this probability.
    const hitChance = 1_000_000 / 2 ** CERTIFICATE_ID_BITS
    console.log(
      [
        `certificate ids: ${SAMPLES} generated, ${duplicates} duplicates`,
        `  by construction: 16 symbols × log2(${ALPHABET.length}) = ${byConstruction} bits (CERTIFICATE_ID_BITS = ${CERTIFICATE_ID_BITS})`,
        `  measured: ${measured.toFixed(4)} bits; per position min ${Math.min(...perPosition).toFixed(4)}, max ${Math.max(...perPosition).toFixed(4)} of 5`,
        `  one guess against 1,000,000 issued ids hits with p = ${hitChance.toExponential(2)}; at the verify limit`,
        `  (120/min per address) one address needs ~${(1 / hitChance / 120 / 60 / 24 / 365).toExponential(2)} years per expected hit`
      ].join("\n")
    )
    expect(CERTIFICATE_ID_BITS).toBeGreaterThanOrEqual(80)
    expect(byConstruction).toBeGreaterThanOrEqual(80)
    for (const id of ids.slice(0, 1_000)) expect([...id].every((c) => ALPHABET.includes(c))).toBe(true)
    // The sampling bias of a 100,000-sample estimate over 32 symbols is ~0.0002 bits per position.
    for (const bits of perPosition) expect(bits).toBeGreaterThan(4.99)
    expect(measured).toBeGreaterThan(79.9)
    expect(duplicates).toBe(0)
  })
})
