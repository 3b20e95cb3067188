import { spawn } from "node:child_process"

/**
 * Runs a load generator as a second process (so it does not share the measured process's event loop):
 * the input goes in as one JSON argument, the result comes back as the last line of stdout.
 */
export const runChild = <Output>(script: URL, input: unknown): Promise<Output> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script.pathname, JSON.stringify(input)], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    let stdout = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8")
    })
    child.once("error", reject)
    child.once("exit", (code) => {
      const last = stdout.trim().split("\n").at(-1) ?? ""
      if (code !== 0)
        return reject(new Error(`${script.pathname} exited with ${code}: ${stdout.slice(-500)}`))
      try {
        resolve(JSON.parse(last) as Output)
      } catch {
        reject(new Error(`${script.pathname} printed no JSON result: ${stdout.slice(-500)}`))
      }
    })
  })

/** What a load generator reports: latencies in milliseconds, counts and the wall time they took. */
export interface LoadReport {
  readonly requests: number
  readonly non2xx: number
  readonly errors: number
  readonly durationMillis: number
  readonly p50: number
  readonly p99: number
  readonly mean: number
  /** Answers of any status per second. */
  readonly throughput: number
  /** 2xx answers per second. */
  readonly okPerSecond: number
}
