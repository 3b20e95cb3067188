import { randomCertificateId } from "@certify/adapters/ids"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AttackApp, buyAndIssue, generousBudgets, startAttackApp } from "./support/attackApp.ts"
import { tally } from "./support/fuzzReport.ts"
import { inParallel } from "./support/sendRequests.ts"

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const RANDOM_GUESSES = Number(process.env.ATTACK_RANDOM_GUESSES ?? 1_000)

let app: AttackApp
let issued: ReadonlyArray<string>

beforeAll(async () => {
  app = await startAttackApp("attack_verify", generousBudgets)
  issued = [
    (await buyAndIssue(app, "ada", "typescript-foundations")).certificateId,
    (await buyAndIssue(app, "ada", "payments-engineering")).certificateId,
    (await buyAndIssue(app, "ravi", "typescript-foundations")).certificateId,
    (await buyAndIssue(app, "ravi", "distributed-databases")).certificateId
  ]
}, 60_000)
afterAll(() => app?.close())

const answer = async (ref: string) => {
  const started = performance.now()
  const response = await fetch(app.url(`/verify/${ref}`))
  const body = await response.text()
  return {
    ms: performance.now() - started,
    status: response.status,
    body,
    headers: ["content-type", "x-robots-tag", "cache-control", "content-length"].map(
      (h) => `${h}: ${response.headers.get(h)}`
    )
  }
}

/** An id as its 80-bit number and back, for "the next" and "the previous" certificate. */
const toNumber = (id: string) =>
  [...id.replaceAll("-", "")].reduce((n, c) => n * 32n + BigInt(ALPHABET.indexOf(c)), 0n)
const fromNumber = (value: bigint) => {
  let digits = ""
  let rest = BigInt.asUintN(80, value)
  for (let i = 0; i < 16; i++) {
    digits = ALPHABET[Number(rest % 32n)] + digits
    rest /= 32n
  }
  return digits.match(/.{4}/g)?.join("-") ?? ""
}

const median = (values: ReadonlyArray<number>) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
const p90 = (values: ReadonlyArray<number>) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)] ?? 0

describe("a verifier probing /verify learns nothing from the answer", () => {
  it("answers a malformed id and an unknown well-formed id identically, in each form, in similar time", async () => {
    const malformed = [
      "not-an-id",
      "ABCD-EFGH-JKMN-PQR",
      "ABCD-EFGH-JKMN-PQRSX",
      "ABCDEFGHJKMNPQRS",
      "ABCD-EFGH-JKMN-PQRO",
      "ABCD_EFGH_JKMN_PQRS",
      "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
      "..%2F..%2Fetc%2Fpasswd",
      "%00",
      "%F0%9D%94%B8%F0%9D%94%B8",
      "A".repeat(2_000),
      "ABCD-EFGH-JKMN-PQRS%20",
      "'%20OR%201%3D1--"
    ]
    const unknown = Array.from({ length: malformed.length }, () => randomCertificateId() as string)
    for (const form of ["", ".json", ".png", ".jwt"]) {
      const reference = await answer(`${unknown[0]}${form}`)
      for (const ref of [...malformed, ...unknown]) {
        const probe = await answer(`${ref}${form}`)
        expect([probe.status, probe.body, probe.headers], `${ref}${form}`).toEqual([
          reference.status,
          reference.body,
          reference.headers
        ])
      }
      expect(reference.status).toBe(404)
    }

    // Timing: interleaved, so both sides see the same load. The page never echoes the id it was given.
    const malformedMs: Array<number> = []
    const unknownMs: Array<number> = []
    for (let round = 0; round < 200; round++) {
      malformedMs.push((await answer(malformed[round % malformed.length] ?? "x")).ms)
      unknownMs.push((await answer(randomCertificateId())).ms)
    }
    const gap = median(unknownMs) - median(malformedMs)
    console.log(
      [
        "verify 404 timing over 200 interleaved probes each:",
        `  malformed: median ${median(malformedMs).toFixed(2)} ms, p90 ${p90(malformedMs).toFixed(2)} ms`,
        `  unknown:   median ${median(unknownMs).toFixed(2)} ms, p90 ${p90(unknownMs).toFixed(2)} ms (one database lookup more)`,
        `  gap of medians: ${gap.toFixed(2)} ms`
      ].join("\n")
    )
    // Loose on purpose: an unknown id costs one indexed lookup, a malformed one none. The gap tells an
    // attacker only whether their own input was well-formed, which the printed format already tells.
    expect(Math.abs(gap)).toBeLessThan(25)
  }, 60_000)

  it("finds nothing at sequential, neighbouring or random ids next to real ones", async () => {
    const real = new Set(issued)
    const neighbours = issued.flatMap((id) =>
      [...id].flatMap((char, index) =>
        char === "-"
          ? []
          : [...ALPHABET]
              .filter((other) => other !== char)
              .map((other) => `${id.slice(0, index)}${other}${id.slice(index + 1)}`)
      )
    )
    const sequential = issued.flatMap((id) =>
      Array.from({ length: 50 }, (_, k) => fromNumber(toNumber(id) + BigInt(k < 25 ? k + 1 : 24 - k)))
    )
    const random = Array.from({ length: RANDOM_GUESSES }, () => randomCertificateId() as string)
    const guesses = [
      ...neighbours.map((ref) => ({ kind: "one character changed", ref })),
      ...sequential.map((ref) => ({ kind: "±1…25 as a base-32 number", ref })),
      ...random.map((ref) => ({ kind: "random, same alphabet", ref }))
    ].filter((guess) => !real.has(guess.ref))

    for (const id of issued) expect((await answer(id)).status).toBe(200)
    const started = performance.now()
    const answers = await inParallel(guesses, 16, (guess) => answer(guess.ref))
    const seconds = (performance.now() - started) / 1000
    const results = guesses.map((guess, i) => ({ ...guess, status: answers[i]?.status ?? 0 }))
    console.log(
      [
        `guessing: ${results.length} guesses around ${issued.length} issued ids in ${seconds.toFixed(1)} s`,
        tally(results.map((r) => ({ row: r.kind, status: r.status })))
      ].join("\n")
    )
    expect(results.filter((r) => r.status !== 404).map((r) => `${r.ref}: ${r.status}`)).toEqual([])
  }, 60_000)
})
