import { createServer, type Server } from "node:http"
import { CertificateRenderer, RenderRequest } from "@certify/domain"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { layerHttpRenderer } from "./index.ts"

// A stand-in speaking the renderer service's wire format; the real service is exercised in test/src/pipeline.
let server: Server
let url = ""
const rendered: Array<[string, number]> = []

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        learnerName: string
        format: string
      }
      if (body.learnerName === "reject")
        res
          .writeHead(422, { "content-type": "application/json" })
          .end('{"error":"UnsupportedScript","reason":"no font"}')
      else if (body.learnerName === "overloaded")
        res
          .writeHead(503, { "content-type": "application/json" })
          .end('{"error":"Overloaded","reason":"queue full"}')
      else res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from(`bytes:${body.format}`))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
  const address = server.address()
  url = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const request = (learnerName: string) =>
  new RenderRequest({
    learnerName,
    courseTitle: "TypeScript Foundations",
    completionDate: "2025-01-02",
    certificateId: "7KQ2-M9XD-1F4H-ZC8N",
    verificationUrl: "https://certify.test/verify/7KQ2-M9XD-1F4H-ZC8N",
    issuer: "Certify Academy",
    templateId: "classic",
    templateVersion: 1,
    locale: "en"
  })

const render = (baseUrl: string, learnerName: string) =>
  Effect.runPromise(
    CertificateRenderer.use((r) => r.render(request(learnerName), "pdf")).pipe(
      Effect.map((bytes) => new TextDecoder().decode(bytes)),
      Effect.catch((error) => Effect.succeed(`${error._tag}: ${error.reason}`)),
      Effect.provide(
        layerHttpRenderer({ url: baseUrl, timeoutMs: 2_000, onRendered: (f, s) => rendered.push([f, s]) })
      )
    )
  )

describe("the HTTP renderer client", () => {
  it("returns the bytes and reports the render time", async () => {
    expect(await render(url, "Ada")).toBe("bytes:pdf")
    expect(rendered.at(-1)?.[0]).toBe("pdf")
  })

  it("maps a 4xx to RenderRejected, a 5xx or no service to RendererUnavailable", async () => {
    expect(await render(url, "reject")).toMatch(/^RenderRejected: 422 UnsupportedScript: no font/)
    expect(await render(url, "overloaded")).toMatch(/^RendererUnavailable: 503/)
    expect(await render("http://127.0.0.1:9", "Ada")).toMatch(/^RendererUnavailable: renderer unreachable/)
  })
})
