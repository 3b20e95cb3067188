import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

/** A bare node:http server in its own process's event loop: the ceiling any Node HTTP route can reach here. */
const server = createServer((_request, response) => {
  response.writeHead(200, { "content-type": "text/plain" })
  response.end("hello world")
})
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`)
})
process.on("SIGTERM", () => server.close(() => process.exit(0)))
