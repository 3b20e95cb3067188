import { Agent, request } from "node:http"
import { percentile } from "../support/percentiles.ts"
import type { LoadReport } from "../support/runChild.ts"

export interface LoadRequest {
  readonly method: "GET" | "POST"
  readonly path: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

interface Outcome {
  readonly status: number
  readonly error: boolean
}

// A gateway gives up on a webhook endpoint after about 10 s, and so does a visitor: slower is a failure.
const REQUEST_TIMEOUT_MS = 10_000

const send = (origin: URL, agent: Agent, spec: LoadRequest) =>
  new Promise<Outcome>((resolve) => {
    const outgoing = request(
      {
        host: origin.hostname,
        port: origin.port,
        method: spec.method,
        path: spec.path,
        agent,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        headers: {
          ...spec.headers,
          ...(spec.body === undefined ? {} : { "content-length": Buffer.byteLength(spec.body) })
        }
      },
      (response) => {
        response.resume()
        response.once("end", () => resolve({ status: response.statusCode ?? 0, error: false }))
        response.once("error", () => resolve({ status: 0, error: true }))
      }
    )
    outgoing.once("error", () => resolve({ status: 0, error: true }))
    outgoing.end(spec.body)
  })

const summarize = (latencies: number[], outcomes: Outcome[], durationMillis: number): LoadReport => ({
  requests: outcomes.length,
  non2xx: outcomes.filter((o) => !o.error && (o.status < 200 || o.status > 299)).length,
  /** Connection errors and requests unanswered after 10 s. */
  errors: outcomes.filter((o) => o.error).length,
  durationMillis,
  p50: percentile(latencies, 0.5),
  p99: percentile(latencies, 0.99),
  mean: latencies.reduce((sum, l) => sum + l, 0) / Math.max(1, latencies.length),
  throughput: (outcomes.filter((o) => !o.error).length / durationMillis) * 1000,
  okPerSecond: (outcomes.filter((o) => o.status >= 200 && o.status <= 299).length / durationMillis) * 1000
})

/**
 * Open loop at a fixed rate: request i is due at start + i/rate, and its latency counts from when it was
 * due, so a stalled server is charged for the requests queued behind it (no coordinated omission).
 * Sends are spread evenly within each second, unlike autocannon's `overallRate`, which releases each
 * connection's whole per-second quota at once at every second boundary.
 */
export const fixedRateLoad = async (options: {
  readonly origin: string
  readonly rate: number
  readonly durationSeconds: number
  readonly connections: number
  readonly next: (index: number) => LoadRequest
}): Promise<LoadReport> => {
  const origin = new URL(options.origin)
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections })
  const total = Math.round(options.rate * options.durationSeconds)
  const latencies: number[] = []
  const outcomes: Outcome[] = []
  const pending: Promise<void>[] = []
  const start = performance.now()
  let sent = 0
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * options.rate) + 1)
      while (sent < due) {
        const dueAt = start + (sent / options.rate) * 1000
        pending.push(
          send(origin, agent, options.next(sent)).then((outcome) => {
            latencies.push(performance.now() - dueAt)
            outcomes.push(outcome)
          })
        )
        sent++
      }
      if (sent >= total) resolve()
      else setTimeout(tick, 1)
    }
    tick()
  })
  await Promise.all(pending)
  const report = summarize(latencies, outcomes, performance.now() - start)
  agent.destroy()
  return report
}

/**
 * Closed loop: `connections` clients, each sending its next request when the previous one answered,
 * for `durationSeconds`. Each client speaks from its own loopback address (127.x.y.z) and moves to a
 * fresh one after `requestsPerAddress`, as many distinct visitors would: per-client rate limits apply
 * to each of them, not to the benchmark as one client.
 */
export const closedLoopLoad = async (options: {
  readonly origin: string
  readonly path: string
  readonly durationSeconds: number
  readonly connections: number
  readonly requestsPerAddress: number
}): Promise<LoadReport> => {
  const origin = new URL(options.origin)
  const latencies: number[] = []
  const outcomes: Outcome[] = []
  let addresses = 0
  const nextAddress = () => {
    addresses++
    return `127.${1 + Math.floor(addresses / 62500)}.${Math.floor(addresses / 250) % 250}.${1 + (addresses % 250)}`
  }
  const start = performance.now()
  const end = start + options.durationSeconds * 1000
  const client = async () => {
    while (performance.now() < end) {
      const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: nextAddress() })
      for (let i = 0; i < options.requestsPerAddress && performance.now() < end; i++) {
        const sentAt = performance.now()
        outcomes.push(await send(origin, agent, { method: "GET", path: options.path }))
        latencies.push(performance.now() - sentAt)
      }
      agent.destroy()
    }
  }
  await Promise.all(Array.from({ length: options.connections }, client))
  return summarize(latencies, outcomes, performance.now() - start)
}
