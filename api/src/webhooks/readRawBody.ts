import type { IncomingMessage } from "node:http"

export class BodyTooLarge extends Error {
  override readonly name = "BodyTooLarge"
}

/** A body parser mounted before the webhook routes read the stream: a deployment fault, not bad input. */
export class BodyAlreadyRead extends Error {
  override readonly name = "BodyAlreadyRead"
}

// Lingering close, as nginx does it: closing a socket with unread bytes makes the kernel reset the
// connection, and the client can lose the 413 already sent. So the rest is read and dropped, up to a cap.
const DISCARD_MAX_BYTES = 8 * 1024 * 1024
const DISCARD_MAX_MS = 5_000

const discardTheRest = (request: IncomingMessage) => {
  let discarded = 0
  const giveUp = setTimeout(() => request.destroy(), DISCARD_MAX_MS)
  giveUp.unref()
  request.on("data", (chunk: Buffer) => {
    discarded += chunk.length
    if (discarded > DISCARD_MAX_BYTES) request.destroy()
  })
  request.once("end", () => clearTimeout(giveUp))
  request.once("close", () => clearTimeout(giveUp))
  request.resume()
}

/** The exact bytes as received (signatures are over the raw body), refusing more than `limit` bytes. */
export const readRawBody = (request: IncomingMessage, limit: number) =>
  new Promise<Buffer>((resolve, reject) => {
    if (request.readableEnded)
      return reject(new BodyAlreadyRead("the request body was consumed before the raw-body reader"))
    const declared = Number(request.headers["content-length"] ?? 0)
    if (declared > limit) {
      discardTheRest(request)
      return reject(new BodyTooLarge(`body of ${declared} bytes exceeds ${limit}`))
    }
    const chunks: Array<Buffer> = []
    let size = 0
    const collect = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      request.off("data", collect)
      chunks.length = 0
      discardTheRest(request)
      reject(new BodyTooLarge(`body exceeds ${limit} bytes`))
    }
    request.on("data", collect)
    request.once("end", () => resolve(Buffer.concat(chunks)))
    request.once("error", reject)
    // A client that hangs up mid-body ends neither with `end` nor always with `error`.
    request.once("close", () => {
      if (!request.readableEnded) reject(new Error("client closed the connection before the body ended"))
    })
  })
