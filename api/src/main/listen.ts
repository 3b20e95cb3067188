import { createServer, type RequestListener } from "node:http"

/** Listens and resolves with the URL; `close` waits for open requests (SSE streams are cut). */
export const listen = (app: RequestListener, host: string, port: number) =>
  new Promise<{ url: string; close: () => Promise<void> }>((resolve, reject) => {
    const server = createServer(app)
    server.once("error", reject)
    server.listen(port, host, () => {
      const address = server.address()
      const actualPort = typeof address === "object" && address ? address.port : port
      resolve({
        url: `http://${host}:${actualPort}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          })
      })
    })
  })
