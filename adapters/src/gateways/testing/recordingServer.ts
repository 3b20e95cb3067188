import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

export interface StubAnswer {
  readonly status: number
  readonly body: unknown
}

export interface RecordingServer {
  readonly url: URL
  readonly requests: ReadonlyArray<RecordedRequest>
  readonly close: () => Promise<void>
}

/**
 * A loopback HTTP server that answers with `answer` and keeps every request: the SDKs talk real HTTP
 * to it, so a test sees exactly what goes on the wire (query, form body, headers).
 */
export const startRecordingServer = async (
  answer: (request: RecordedRequest) => StubAnswer
): Promise<RecordingServer> => {
  const requests: Array<RecordedRequest> = []
  const server = createServer((incoming, outgoing) => {
    const chunks: Array<Buffer> = []
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk))
    incoming.on("end", () => {
      const url = new URL(incoming.url ?? "/", "http://stub")
      const request: RecordedRequest = {
        method: incoming.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8")
      }
      requests.push(request)
      const { status, body } = answer(request)
      outgoing.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    requests,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
