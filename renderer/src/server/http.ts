import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { isRenderError, RenderError } from "../errors.ts"
import { parseRenderRequest, type RenderRequest } from "../input.ts"
import { createRenderPool, type RenderPool } from "./pool.ts"

export interface RendererServerOptions {
  /** default 127.0.0.1 */
  readonly host?: string
  /** default 4100; 0 = a free port */
  readonly port?: number
  /** render worker threads; default one per core; 0 = render on the server thread */
  readonly workers?: number
  /** request body limit in bytes, default 64 KiB */
  readonly maxBodyBytes?: number
}

export interface RendererServer {
  readonly url: string
  close(): Promise<void>
}

const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void => {
  const data = Buffer.from(JSON.stringify(body))
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(data.length),
    "Cache-Control": "no-store",
    ...headers
  })
  res.end(data)
}

const fail = (res: ServerResponse, e: RenderError, headers: Record<string, string> = {}): void =>
  json(res, e.status, { error: e.code, reason: e.message }, headers)

const readBody = (req: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0")
    if (declared > limit) {
      reject(new RenderError("PayloadTooLarge", `request body is larger than ${limit} bytes`))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on("data", (c: Buffer) => {
      if (done) return
      size += c.length
      if (size > limit) {
        done = true
        reject(new RenderError("PayloadTooLarge", `request body is larger than ${limit} bytes`))
        return
      }
      chunks.push(c)
    })
    req.on("end", () => {
      if (!done) {
        done = true
        resolve(Buffer.concat(chunks))
      }
    })
    req.on("error", (e) => {
      if (!done) {
        done = true
        reject(e)
      }
    })
  })

const SAMPLE: RenderRequest = {
  learnerName: "Warm Up",
  courseTitle: "Warm up",
  completionDate: "2025-01-01",
  certificateId: "WARMUP",
  verificationUrl: "https://example.com/verify/WARMUP",
  issuer: "Certify",
  templateId: "classic",
  templateVersion: 1,
  locale: "en",
  format: "png"
}

const handleRender = async (req: IncomingMessage, res: ServerResponse, pool: RenderPool, limit: number) => {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase()
  if (type !== "application/json") {
    req.resume()
    throw new RenderError("UnsupportedMediaType", "Content-Type must be application/json")
  }
  const body = await readBody(req, limit)
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString("utf8"))
  } catch {
    throw new RenderError("InvalidJson", "request body is not valid JSON")
  }
  const request = parseRenderRequest(parsed)
  const artifact = await pool.render(request)
  res.writeHead(200, {
    "Content-Type": artifact.contentType,
    "Content-Length": String(artifact.bytes.length),
    "X-Content-SHA256": artifact.sha256,
    "X-Certificate-Template": `${request.templateId}@${request.templateVersion}`,
    "Cache-Control": "no-store"
  })
  res.end(artifact.bytes)
}

/** Starts the renderer HTTP service: POST /render, GET /healthz. */
export const startRendererServer = async (options: RendererServerOptions = {}): Promise<RendererServer> => {
  const host = options.host ?? "127.0.0.1"
  const limit = options.maxBodyBytes ?? 64 * 1024
  const pool = createRenderPool(options.workers === undefined ? {} : { workers: options.workers })
  await pool.warmUp(SAMPLE)

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]
    const onError = (e: unknown): void => {
      if (res.headersSent) {
        res.destroy()
        return
      }
      if (isRenderError(e)) {
        // do not keep reading an oversized body
        fail(res, e, e.code === "PayloadTooLarge" ? { Connection: "close" } : {})
        if (e.code === "PayloadTooLarge") req.destroy()
      } else {
        console.error("renderer: unexpected error", e)
        fail(res, new RenderError("Internal", "unexpected error"))
      }
    }
    try {
      if (path === "/healthz") {
        if (req.method !== "GET" && req.method !== "HEAD") {
          fail(res, new RenderError("MethodNotAllowed", "use GET"), { Allow: "GET, HEAD" })
          return
        }
        json(res, 200, { status: "ok" })
        return
      }
      if (path === "/render") {
        if (req.method !== "POST") {
          req.resume()
          fail(res, new RenderError("MethodNotAllowed", "use POST"), { Allow: "POST" })
          return
        }
        handleRender(req, res, pool, limit).catch(onError)
        return
      }
      req.resume()
      fail(res, new RenderError("NotFound", `no route ${req.method ?? ""} ${path ?? ""}`))
    } catch (e) {
      onError(e)
    }
  })
  server.requestTimeout = 30_000
  server.headersTimeout = 10_000
  server.keepAliveTimeout = 5_000

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 4100, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address
  return {
    url: `http://${hostForUrl}:${address.port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
      await pool.close()
    }
  }
}
