/** mulberry32: a tiny seeded PRNG, so a fault schedule replays exactly with the same seed. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/** Gateway-looking ids (`cs_test_…`, `pay_…`), from the seeded generator. */
export const makeIds =
  (random: () => number) =>
  (prefix: string, length = 14) => {
    let id = ""
    for (let i = 0; i < length; i++) id += alphabet[Math.floor(random() * alphabet.length)]
    return `${prefix}${id}`
  }
export type MakeId = ReturnType<typeof makeIds>
