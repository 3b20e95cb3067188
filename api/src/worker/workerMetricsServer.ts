import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { registry } from "../observability/metrics.ts"

export interface WorkerMetricsServer {
  readonly url: string
  close(): Promise<void>
}

/** `/metrics` (Prometheus) and `/healthz` for a worker process; port 0 (the default) means off. */
export const startWorkerMetricsServer = async (
  port: number,
  host = "127.0.0.1"
): Promise<WorkerMetricsServer | undefined> => {
  if (!Number.isInteger(port) || port <= 0) return undefined
  const server = createServer((request, response) => {
    if (request.method !== "GET") {
      response.writeHead(405).end()
      return
    }
    if (request.url === "/healthz") {
      response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}')
      return
    }
    if (request.url === "/metrics") {
      registry.metrics().then(
        (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
        (error: unknown) => response.writeHead(500).end(String(error))
      )
      return
    }
    response.writeHead(404).end()
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://${host}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
