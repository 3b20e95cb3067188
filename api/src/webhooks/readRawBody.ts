import type { IncomingMessage } from "node:http"

export class BodyTooLarge extends Error {
  override readonly name = "BodyTooLarge"
}

/** A body parser mounted before the webhook routes read the stream: a deployment fault, not bad input. */
export class BodyAlreadyRead extends Error {
  override readonly name = "BodyAlreadyRead"
}

/** The exact bytes as received (signatures are over the raw body), refusing more than `limit` bytes. */
export const readRawBody = (request: IncomingMessage, limit: number) =>
  new Promise<Buffer>((resolve, reject) => {
    if (request.readableEnded)
      return reject(new BodyAlreadyRead("the request body was consumed before the raw-body reader"))
    const declared = Number(request.headers["content-length"] ?? 0)
    if (declared > limit) {
      request.resume()
      return reject(new BodyTooLarge(`body of ${declared} bytes exceeds ${limit}`))
    }
    const chunks: Array<Buffer> = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        request.removeAllListeners("data")
        request.resume()
        reject(new BodyTooLarge(`body exceeds ${limit} bytes`))
        return
      }
      chunks.push(chunk)
    })
    request.once("end", () => resolve(Buffer.concat(chunks)))
    request.once("error", reject)
    // A client that hangs up mid-body ends neither with `end` nor always with `error`.
    request.once("close", () => {
      if (!request.readableEnded) reject(new Error("client closed the connection before the body ended"))
    })
  })
