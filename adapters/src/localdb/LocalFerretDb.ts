import { type ChildProcess, spawn } from "node:child_process"
import { mkdirSync } from "node:fs"
import { createServer } from "node:net"
import { homedir } from "node:os"
import { join } from "node:path"
import { MongoClient } from "mongodb"

export interface LocalFerretDb {
  readonly uri: string
  readonly port: number
  readonly stop: () => Promise<void>
}

export interface LocalFerretDbOptions {
  /** Where the SQLite files live; kept under the repo's git-ignored `.data/`. */
  readonly dataDir: string
  readonly database?: string
  readonly port?: number
  readonly binary?: string
  readonly readyTimeoutMs?: number
  readonly log?: (line: string) => void
}

export const ferretDbBinary = () =>
  process.env.FERRETDB_BIN ?? join(process.env.GOPATH ?? join(homedir(), "go"), "bin", "ferretdb")

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))
      )
    })
  })

// Both flags matter for FerretDB: no replica set (no sessions/transactions), and no retried writes.
export const localUri = (port: number, database: string) =>
  `mongodb://127.0.0.1:${port}/${database}?directConnection=true&retryWrites=false`

class ExitedBeforePing extends Error {}

const waitForPing = async (uri: string, timeoutMs: number, child: ChildProcess) => {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new ExitedBeforePing(`FerretDB exited with code ${child.exitCode} before answering ping`)
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 })
    try {
      await client.connect()
      await client.db("admin").command({ ping: 1 })
      return
    } catch (error) {
      lastError = error
      await new Promise((resolve) => setTimeout(resolve, 100))
    } finally {
      await client.close().catch(() => undefined)
    }
  }
  throw new Error(`FerretDB did not answer ping within ${timeoutMs} ms: ${String(lastError)}`)
}

/** Starts FerretDB (SQLite handler) on loopback with telemetry off, and waits until it answers `ping`. */
export const startLocalFerretDb = async (options: LocalFerretDbOptions): Promise<LocalFerretDb> => {
  // A free port can be taken by another process before FerretDB binds it: then try another one.
  const attempts = options.port === undefined ? 3 : 1
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, options.port ?? (await freePort()))
    } catch (error) {
      if (attempt >= attempts || !(error instanceof ExitedBeforePing)) throw error
    }
  }
}

const startOnce = async (options: LocalFerretDbOptions, port: number): Promise<LocalFerretDb> => {
  const debugPort = await freePort()
  mkdirSync(join(options.dataDir, "state"), { recursive: true })
  const child = spawn(
    options.binary ?? ferretDbBinary(),
    [
      "--handler=sqlite",
      `--sqlite-url=file:${options.dataDir}/`,
      `--state-dir=${join(options.dataDir, "state")}`,
      `--listen-addr=127.0.0.1:${port}`,
      `--debug-addr=127.0.0.1:${debugPort}`,
      "--telemetry=disable",
      "--log-level=ERROR"
    ],
    { stdio: ["ignore", "pipe", "pipe"] }
  )
  const log = options.log ?? (() => undefined)
  child.stdout?.on("data", (chunk: Buffer) => log(chunk.toString()))
  child.stderr?.on("data", (chunk: Buffer) => log(chunk.toString()))
  const spawnFailure = new Promise<never>((_, reject) => child.once("error", reject))
  const uri = localUri(port, options.database ?? "certify")
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
    child.kill("SIGTERM")
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000)
    await exited
    clearTimeout(timer)
  }
  try {
    await Promise.race([waitForPing(uri, options.readyTimeoutMs ?? 30_000, child), spawnFailure])
  } catch (error) {
    // A server that never answered is nobody's: stop it rather than leave it holding the data directory.
    await stop()
    throw error
  }
  return { uri, port, stop }
}
