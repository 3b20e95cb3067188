import { availableParallelism } from "node:os"
import { Worker } from "node:worker_threads"
import { RenderError } from "../errors.ts"
import type { RenderRequest } from "../input.ts"
import { type Artifact, renderArtifact } from "../render/certificate.ts"
import type { JobMessage, JobResult } from "./protocol.ts"

export interface RenderPool {
  render(request: RenderRequest): Promise<Artifact>
  /** starts workers and renders one certificate in each, so the first request is not slow */
  warmUp(request: RenderRequest): Promise<void>
  close(): Promise<void>
}

interface Pending {
  readonly resolve: (a: Artifact) => void
  readonly reject: (e: unknown) => void
}

interface Slot {
  worker: Worker
  readonly inflight: Map<number, Pending>
}

/** Renders on the calling thread (workers: 0). */
const inlinePool = (): RenderPool => ({
  render: (request) => renderArtifact(request),
  warmUp: async (request) => {
    await renderArtifact(request)
  },
  close: async () => {}
})

/**
 * A fixed set of worker threads (default: one per core) and a bounded FIFO queue. Each worker takes
 * up to `perWorker` jobs at once (PDF output is streamed, so a second job fills the gaps).
 * A worker that dies is replaced; its jobs fail with Internal.
 */
export const createRenderPool = (
  options: { workers?: number; maxQueue?: number; perWorker?: number } = {}
): RenderPool => {
  const size = options.workers ?? Math.max(1, Math.min(availableParallelism(), 8))
  if (size === 0) return inlinePool()
  const maxQueue = options.maxQueue ?? 256
  const perWorker = options.perWorker ?? 2
  const workerUrl = new URL("./worker.ts", import.meta.url)
  const queue: Array<{ message: JobMessage } & Pending> = []
  const slots: Slot[] = []
  let nextId = 1
  let closed = false

  const pump = (): void => {
    for (let round = 0; round < perWorker; round++) {
      for (const slot of slots) {
        if (slot.inflight.size > round) continue
        const job = queue.shift()
        if (!job) return
        slot.inflight.set(job.message.id, { resolve: job.resolve, reject: job.reject })
        slot.worker.postMessage(job.message)
      }
    }
  }

  const spawn = (slot: Slot | undefined): Slot => {
    const worker = new Worker(workerUrl)
    const s: Slot = slot ?? { worker, inflight: new Map() }
    s.worker = worker
    worker.on("message", (msg: JobResult | { ready: true }) => {
      if ("ready" in msg) return
      const job = s.inflight.get(msg.id)
      if (!job) return
      s.inflight.delete(msg.id)
      if (msg.ok) {
        const bytes = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength)
        job.resolve({ format: msg.format, contentType: msg.contentType, bytes, sha256: msg.sha256 })
      } else {
        job.reject(new RenderError(msg.code, msg.reason))
      }
      pump()
    })
    worker.on("error", (e) => {
      console.error("renderer worker crashed", e)
    })
    worker.on("exit", () => {
      for (const job of s.inflight.values())
        job.reject(new RenderError("Internal", "renderer worker stopped"))
      s.inflight.clear()
      if (!closed) {
        spawn(s)
        pump()
      }
    })
    return s
  }
  for (let i = 0; i < size; i++) slots.push(spawn(undefined))

  const render = (request: RenderRequest): Promise<Artifact> =>
    new Promise<Artifact>((resolve, reject) => {
      if (closed) return reject(new RenderError("Overloaded", "renderer is shutting down"))
      if (queue.length >= maxQueue)
        return reject(new RenderError("Overloaded", "too many renders queued, retry later"))
      queue.push({ message: { id: nextId++, request }, resolve, reject })
      pump()
    })

  return {
    render,
    warmUp: async (request) => {
      // one job per worker: each worker is idle, so pump() hands one to each before any gets a second
      await Promise.all(slots.map(() => render(request)))
    },
    close: async () => {
      closed = true
      for (const job of queue.splice(0))
        job.reject(new RenderError("Overloaded", "renderer is shutting down"))
      await Promise.all(slots.map((s) => s.worker.terminate()))
    }
  }
}
