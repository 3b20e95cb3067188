import { spawn } from "node:child_process"

/** Starts the hello-world server as its own process (as the API is), and returns its URL and a stop. */
export const startHelloWorld = () =>
  new Promise<{ url: string; stop: () => void }>((resolve, reject) => {
    const child = spawn(process.execPath, [new URL("./helloWorld.ts", import.meta.url).pathname], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    child.once("error", reject)
    child.stdout.once("data", (chunk: Buffer) =>
      resolve({ url: `http://127.0.0.1:${chunk.toString("utf8").trim()}`, stop: () => child.kill("SIGTERM") })
    )
  })
