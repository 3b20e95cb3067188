import fc from "fast-check"

/** A procedure under fuzz: a valid input to spoil, and its required keys. */
export interface FuzzTarget {
  readonly path: string
  readonly type: "query" | "mutation"
  readonly caller: "anonymous" | "ada" | "ops"
  readonly base: Readonly<Record<string, unknown>>
  /** Keys of `base` the schema lets a caller leave out. */
  readonly optional?: ReadonlyArray<string>
}

export interface GarbageInput {
  readonly kind: string
  /** The exact JSON text sent: written by hand where a key like `__proto__` must survive. */
  readonly json: string
  /** True when no validator may accept it (a missing key, a wrong type, an oversized value). */
  readonly mustReject: boolean
}

const nested = (depth: number, leaf: string) => `${'{"a":'.repeat(depth)}${leaf}${"}".repeat(depth)}`
const POLLUTION_KEYS = ["__proto__", "constructor", "prototype"]

/** Garbage for one procedure; queries travel in the URL, so their strings stay under the header limit. */
export const garbageFor = (target: FuzzTarget): fc.Arbitrary<GarbageInput> => {
  const keys = Object.keys(target.base)
  const hugeMax = target.type === "query" ? 4_000 : 200_000
  const depth = target.type === "query" ? 300 : 2_000
  const withField = (key: string, valueJson: string) =>
    `{${keys.map((k) => `${JSON.stringify(k)}:${k === key ? valueJson : JSON.stringify(target.base[k])}`).join(",")}}`
  const keyArb = fc.constantFrom(...keys)

  const wholeJunk = fc.jsonValue({ maxDepth: 4 }).map((value) => ({
    kind: "junk instead of the input",
    json: JSON.stringify(value) ?? "null",
    mustReject: !(
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      keys.every((k) => k in value)
    )
  }))
  const wrongType = fc
    .tuple(
      keyArb,
      fc.oneof(
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.object({ maxDepth: 2 })
      )
    )
    .map(([key, value]) => ({
      kind: "a field of the wrong type",
      json: withField(key, JSON.stringify(value)),
      mustReject: true
    }))
  const huge = fc
    .tuple(keyArb, fc.integer({ min: 1_000, max: hugeMax }), fc.constantFrom("x", "é", "𝔸", "%"))
    .map(([key, length, unit]) => ({
      kind: "a huge string",
      json: withField(key, JSON.stringify(unit.repeat(length))),
      mustReject: true
    }))
  const deep = keyArb.map((key) => ({
    kind: "a deeply nested object",
    json: withField(key, nested(depth, '"x"')),
    mustReject: true
  }))
  const required = keys.filter((k) => !(target.optional ?? []).includes(k))
  const missing = fc.constantFrom(...required).map((key) => {
    const rest = Object.fromEntries(Object.entries(target.base).filter(([k]) => k !== key))
    return { kind: "a required field missing", json: JSON.stringify(rest), mustReject: true }
  })
  const control = fc
    .tuple(
      keyArb,
      fc.string({
        unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)),
        minLength: 1,
        maxLength: 40
      })
    )
    .map(([key, value]) => ({
      kind: "control characters",
      json: withField(key, JSON.stringify(value)),
      mustReject: false
    }))
  const pollution = fc
    .tuple(keyArb, fc.constantFrom(...POLLUTION_KEYS), fc.boolean())
    .map(([key, polluter, inField]) => ({
      kind: "prototype-pollution keys",
      json: inField
        ? withField(key, `{${JSON.stringify(polluter)}:{"role":"admin","polluted":true}}`)
        : `{${JSON.stringify(polluter)}:{"role":"admin","polluted":true,"prototype":{"polluted":true}},${withField(key, JSON.stringify(target.base[key])).slice(1)}`,
      // As a field's value it is the wrong type; as an extra key next to valid fields it may be ignored.
      mustReject: inField
    }))
  return fc.oneof(wholeJunk, wrongType, huge, deep, missing, control, pollution)
}
