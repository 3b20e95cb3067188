import type { ServerResponse } from "node:http"

// Node-level answers, so the routers also run under a plain node:http server, not only in an express app.

export const respondJson = (
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

export const respondHtml = (
  response: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {}
) => {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(Buffer.byteLength(html)),
    ...headers
  })
  response.end(html)
}

export const respondRedirect = (response: ServerResponse, location: string) => {
  response.writeHead(303, { location, "content-length": "0" })
  response.end()
}
