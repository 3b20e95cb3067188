import type { IncomingMessage, ServerResponse } from "node:http"

export const readBody = (request: IncomingMessage, limit = 1024 * 1024) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new Error("body too large"))
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    request.once("error", reject)
  })

export const sendJson = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
) => {
  const payload = JSON.stringify(body)
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(payload)),
    ...headers
  })
  response.end(payload)
}

export const sendHtml = (response: ServerResponse, status: number, html: string) => {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(Buffer.byteLength(html))
  })
  response.end(html)
}

export const redirect = (response: ServerResponse, location: string) => {
  response.writeHead(303, { location, "content-length": "0" })
  response.end()
}

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c
  )

/** Parses a JSON or form body into a flat record (the control API and the checkout pages take both). */
export const parseBody = (raw: string, contentType: string | undefined): Record<string, unknown> => {
  if (raw.trim() === "") return {}
  if (contentType?.includes("application/json")) {
    const parsed: unknown = JSON.parse(raw)
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {}
  }
  return Object.fromEntries(new URLSearchParams(raw))
}
