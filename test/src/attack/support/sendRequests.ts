import { Agent, request } from "node:http"
import { connect } from "node:net"

/** A request node's HTTP client can send: legal header names and values, any body bytes. */
export interface WireRequest {
  readonly method: string
  readonly path: string
  /** An array value sends the header once per element (duplicated headers). */
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string>>>
  readonly body: Buffer
  /** Send without a content-length, as chunks. */
  readonly chunked?: boolean
}

/** Bytes written as they are on a fresh socket: header injection, smuggling, bytes no client would send. */
export interface RawRequest {
  readonly raw: Buffer
}

export interface Answer {
  /** 0: no HTTP answer (the connection failed or closed first). */
  readonly status: number
  readonly body: string
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly error?: string
}

const BODY_KEEP = 2_000
const TIMEOUT_MS = 15_000

/** Sends over a shared keep-alive agent; resolves with the first answer even if the upload is cut short. */
export const sendWire = (agent: Agent, baseUrl: string, wire: WireRequest) =>
  new Promise<Answer>((resolve) => {
    let settled = false
    const settle = (answer: Answer) => {
      if (settled) return
      settled = true
      resolve(answer)
    }
    const url = new URL(wire.path, baseUrl)
    const headers: Record<string, string | Array<string>> = {}
    for (const [name, value] of Object.entries(wire.headers))
      headers[name] = typeof value === "string" ? value : [...value]
    if (!wire.chunked) headers["content-length"] = String(wire.body.length)
    const outgoing = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: wire.method,
        headers
      },
      (incoming) => {
        const chunks: Array<Buffer> = []
        let kept = 0
        incoming.on("data", (chunk: Buffer) => {
          if (kept < BODY_KEEP) chunks.push(chunk)
          kept += chunk.length
        })
        incoming.on("end", () =>
          settle({
            status: incoming.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8").slice(0, BODY_KEEP),
            headers: incoming.headers
          })
        )
        incoming.on("error", (error) =>
          settle({ status: incoming.statusCode ?? 0, body: "", headers: {}, error: String(error) })
        )
      }
    )
    outgoing.setTimeout(TIMEOUT_MS, () => outgoing.destroy(new Error("timed out")))
    outgoing.on("error", (error) => settle({ status: 0, body: "", headers: {}, error: String(error) }))
    if (wire.chunked) {
      // A few chunks, so the server sees a streamed body with no declared length.
      const step = Math.max(1, Math.ceil(wire.body.length / 4))
      for (let offset = 0; offset < wire.body.length; offset += step)
        outgoing.write(wire.body.subarray(offset, offset + step))
      outgoing.end()
    } else outgoing.end(wire.body)
  })

/** One raw request per connection; the answer's status line and body, parsed loosely. */
export const sendRaw = (baseUrl: string, raw: RawRequest) =>
  new Promise<Answer>((resolve) => {
    const url = new URL(baseUrl)
    const socket = connect({ host: url.hostname, port: Number(url.port) })
    const chunks: Array<Buffer> = []
    let settled = false
    const finish = (error?: string) => {
      if (settled) return
      settled = true
      socket.destroy()
      const text = Buffer.concat(chunks).toString("latin1")
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0)
      const split = text.indexOf("\r\n\r\n")
      resolve({
        status,
        body: split < 0 ? "" : text.slice(split + 4, split + 4 + BODY_KEEP),
        headers: {},
        ...(status === 0 && error !== undefined ? { error } : {})
      })
    }
    socket.setTimeout(TIMEOUT_MS, () => finish("timed out"))
    socket.on("data", (chunk: Buffer) => chunks.push(chunk))
    socket.on("end", () => finish())
    socket.on("close", () => finish())
    socket.on("error", (error) => finish(String(error)))
    socket.write(raw.raw)
  })

/** Runs `work` over `items` with at most `concurrency` in flight, keeping the input order in the results. */
export const inParallel = async <A, B>(
  items: ReadonlyArray<A>,
  concurrency: number,
  work: (item: A, index: number) => Promise<B>
): Promise<Array<B>> => {
  const results = new Array<B>(items.length)
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as A, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane))
  return results
}

export const keepAliveAgent = (sockets: number) => new Agent({ keepAlive: true, maxSockets: sockets })
