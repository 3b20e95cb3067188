import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { sha256Hex } from "../render/certificate.ts"
import { baseInput } from "../testing/fixtures.ts"
import { type RendererServer, startRendererServer } from "./http.ts"

let server: RendererServer

beforeAll(async () => {
  server = await startRendererServer({ port: 0, workers: 2 })
})
afterAll(async () => {
  await server.close()
})

const post = (body: string, contentType = "application/json") =>
  fetch(`${server.url}/render`, { method: "POST", headers: { "content-type": contentType }, body })

const expectError = async (res: Response, status: number, code: string) => {
  expect(res.status).toBe(status)
  expect(res.headers.get("content-type")).toMatch(/^application\/json/)
  const body = (await res.json()) as { error: string; reason: string }
  expect(body.error).toBe(code)
  expect(typeof body.reason).toBe("string")
  expect(body.reason.length).toBeGreaterThan(5)
  return body
}

describe("renderer HTTP service", () => {
  it("answers /healthz", async () => {
    const res = await fetch(`${server.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: "ok" })
  })

  it.each([
    ["png", "image/png", [0x89, 0x50, 0x4e, 0x47]],
    ["pdf", "application/pdf", [0x25, 0x50, 0x44, 0x46]],
    ["svg", "image/svg+xml", [0x3c, 0x73, 0x76, 0x67]]
  ] as const)("renders %s with its content type and SHA-256 header", async (format, type, magic) => {
    const res = await post(JSON.stringify({ ...baseInput, format }))
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain(type)
    const bytes = Buffer.from(await res.arrayBuffer())
    expect([...bytes.subarray(0, 4)]).toEqual([...magic])
    expect(res.headers.get("x-content-sha256")).toBe(sha256Hex(bytes))
    expect(res.headers.get("x-certificate-template")).toBe("classic@1")
  })

  it("gives the same bytes for the same input, whichever worker renders it", async () => {
    const body = JSON.stringify({ ...baseInput, format: "pdf" })
    const hashes = await Promise.all(
      [1, 2, 3, 4].map(async () => (await post(body)).headers.get("x-content-sha256"))
    )
    expect(new Set(hashes).size).toBe(1)
  })

  const bad: ReadonlyArray<readonly [string, () => Promise<Response>, number, string]> = [
    ["malformed JSON", () => post('{"learnerName": '), 400, "InvalidJson"],
    ["a JSON array", () => post("[1,2]"), 422, "InvalidInput"],
    ["wrong content type", () => post(JSON.stringify(baseInput), "text/plain"), 415, "UnsupportedMediaType"],
    [
      "a missing field",
      () => {
        const { learnerName: _omit, ...rest } = baseInput
        return post(JSON.stringify(rest))
      },
      422,
      "InvalidInput"
    ],
    [
      "an absurd name length",
      () => post(JSON.stringify({ ...baseInput, learnerName: "A".repeat(5000) })),
      422,
      "InvalidInput"
    ],
    [
      "a name of only spaces",
      () => post(JSON.stringify({ ...baseInput, learnerName: "   " })),
      422,
      "InvalidInput"
    ],
    [
      "a control character",
      () => post(JSON.stringify({ ...baseInput, learnerName: "Ann\u0000a" })),
      422,
      "InvalidInput"
    ],
    [
      "a bad date",
      () => post(JSON.stringify({ ...baseInput, completionDate: "2025-02-30" })),
      422,
      "InvalidInput"
    ],
    [
      "a non-http URL",
      () => post(JSON.stringify({ ...baseInput, verificationUrl: "javascript:alert(1)" })),
      422,
      "InvalidInput"
    ],
    [
      "an unknown template",
      () => post(JSON.stringify({ ...baseInput, templateId: "modern" })),
      422,
      "UnknownTemplate"
    ],
    [
      "an unknown template version",
      () => post(JSON.stringify({ ...baseInput, templateVersion: 7 })),
      422,
      "UnknownTemplate"
    ],
    [
      "a fractional version",
      () => post(JSON.stringify({ ...baseInput, templateVersion: 1.5 })),
      422,
      "InvalidInput"
    ],
    ["an unknown format", () => post(JSON.stringify({ ...baseInput, format: "gif" })), 422, "UnknownFormat"],
    [
      "an unsupported script",
      () => post(JSON.stringify({ ...baseInput, learnerName: "สมชาย ใจดี" })),
      422,
      "UnsupportedScript"
    ],
    [
      "a body over the limit",
      () => post(JSON.stringify({ ...baseInput, pad: "x".repeat(200_000) })),
      413,
      "PayloadTooLarge"
    ],
    ["GET /render", () => fetch(`${server.url}/render`), 405, "MethodNotAllowed"],
    ["an unknown path", () => fetch(`${server.url}/nope`), 404, "NotFound"]
  ]

  it.each(bad)("refuses %s with a 4xx JSON reason", async (_label, send, status, code) => {
    await expectError(await send(), status, code)
  })

  it("keeps working after bad input", async () => {
    await Promise.all(bad.map(async ([, send]) => (await send()).arrayBuffer()))
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
    const res = await post(JSON.stringify({ ...baseInput, format: "png" }))
    expect(res.status).toBe(200)
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10_000)
  })
})
