import { parentPort } from "node:worker_threads"
import { isRenderError } from "../errors.ts"
import { renderArtifact } from "../render/certificate.ts"
import type { JobMessage, JobResult } from "./protocol.ts"

/** Render worker: one per core, each with its own fonts, HarfBuzz instance and cached static layers. */
const port = parentPort
if (!port) throw new Error("worker.ts must run as a worker thread")

port.on("message", (job: JobMessage) => {
  renderArtifact(job.request).then(
    (a) => {
      const bytes = new Uint8Array(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength)
      const result: JobResult = {
        id: job.id,
        ok: true,
        format: a.format,
        contentType: a.contentType,
        bytes,
        sha256: a.sha256
      }
      // transfer the bytes when the buffer is exclusively ours (not Node's shared pool)
      const transfer = a.bytes.byteOffset === 0 && a.bytes.byteLength === a.bytes.buffer.byteLength
      port.postMessage(result, transfer && a.bytes.buffer instanceof ArrayBuffer ? [a.bytes.buffer] : [])
    },
    (e: unknown) => {
      const result: JobResult = isRenderError(e)
        ? { id: job.id, ok: false, code: e.code, reason: e.message }
        : { id: job.id, ok: false, code: "Internal", reason: "rendering failed" }
      if (!isRenderError(e)) console.error("renderer worker: unexpected error", e)
      port.postMessage(result)
    }
  )
})
port.postMessage({ ready: true })
