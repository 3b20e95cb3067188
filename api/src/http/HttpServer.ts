import { createServer, type IncomingMessage, type ServerResponse } from "node:http"

export type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void

export interface Route {
  readonly method: string
  readonly path: string | RegExp
  readonly handler: Handler
}

export const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  const payload = JSON.stringify(body)
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload)
  })
  response.end(payload)
}

/** A plain node:http server over a route table; unmatched paths get a JSON 404, handler crashes a 500 without details. */
export const startHttpServer = (routes: ReadonlyArray<Route>, host: string, port: number) =>
  new Promise<{ url: string; close: () => Promise<void> }>((resolve, reject) => {
    const server = createServer((request, response) => {
      const path = (request.url ?? "/").split("?")[0] ?? "/"
      const route = routes.find(
        (r) =>
          r.method === request.method && (typeof r.path === "string" ? r.path === path : r.path.test(path))
      )
      if (!route) return sendJson(response, 404, { error: "NotFound" })
      Promise.resolve(route.handler(request, response)).catch((error: unknown) => {
        console.error(JSON.stringify({ level: "error", msg: "handler failed", path, error: String(error) }))
        if (!response.headersSent) sendJson(response, 500, { error: "InternalError" })
        else response.end()
      })
    })
    server.once("error", reject)
    server.listen(port, host, () => {
      const address = server.address()
      const actualPort = typeof address === "object" && address ? address.port : port
      resolve({
        url: `http://${host}:${actualPort}`,
        close: () => new Promise<void>((done) => server.close(() => done()))
      })
    })
  })
