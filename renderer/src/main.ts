import { startRendererServer } from "./server/http.ts"

const host = process.env.RENDERER_HOST ?? "127.0.0.1"
const port = Number(process.env.RENDERER_PORT ?? "4100")
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`RENDERER_PORT must be a port number, got ${process.env.RENDERER_PORT}`)
  process.exit(2)
}

const server = await startRendererServer({ host, port })
console.log(`renderer listening on ${server.url}`)

let stopping = false
const stop = (signal: string): void => {
  if (stopping) return
  stopping = true
  console.log(`renderer: ${signal}, shutting down`)
  const force = setTimeout(() => process.exit(1), 10_000)
  force.unref()
  server.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error("renderer: error while closing", e)
      process.exit(1)
    }
  )
}
process.on("SIGTERM", () => stop("SIGTERM"))
process.on("SIGINT", () => stop("SIGINT"))
