import { type ChildProcess, spawn } from "node:child_process"

export interface ManagedProcessOptions {
  /** Short name used to prefix its log lines: `api`, `worker-1`, `renderer`… */
  readonly name: string
  readonly command: string
  readonly args: ReadonlyArray<string>
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd?: string
  /** Polled after each (re)start until it answers 2xx: the process is ready. */
  readonly readyUrl?: string
  readonly readyTimeoutMs?: number
  /** Restart after an exit nobody asked for (a crash or a SIGKILL), with a short backoff. */
  readonly restart?: boolean
  /** Receives each output line; default: written to stdout with a `[name]` prefix. */
  readonly log?: (name: string, line: string) => void
}

export interface ManagedProcess {
  readonly name: string
  readonly pid: () => number | undefined
  /** Resolves when the current incarnation answers its ready URL. */
  readonly ready: () => Promise<void>
  /** Sends a signal to the current incarnation (the chaos test's SIGKILL); a restart follows if enabled. */
  readonly kill: (signal: NodeJS.Signals) => void
  /** Starts it again after it exited (when `restart` is off). */
  readonly start: () => Promise<void>
  /** SIGTERM, then SIGKILL after a grace period; no restart. */
  readonly stop: () => Promise<void>
  readonly restarts: () => number
}

const defaultLog = (name: string, line: string) => process.stdout.write(`[${name}] ${line}\n`)

export const waitUntilReady = async (url: string, timeoutMs: number, alive: () => boolean) => {
  const deadline = Date.now() + timeoutMs
  let last = "no answer"
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`exited before ${url} answered`)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) })
      if (response.ok) return
      last = `HTTP ${response.status}`
    } catch (error) {
      last = String(error)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms (${last})`)
}

/** A child process of the stack: logs prefixed, readiness polled, restarted after a crash if asked. */
export const startManagedProcess = async (options: ManagedProcessOptions): Promise<ManagedProcess> => {
  const log = options.log ?? defaultLog
  let child: ChildProcess | undefined
  let stopping = false
  let restarts = 0
  let readyPromise: Promise<void> = Promise.resolve()

  const pipeLines = (stream: NodeJS.ReadableStream | null) => {
    let buffer = ""
    stream?.setEncoding("utf8")
    stream?.on("data", (chunk: string) => {
      buffer += chunk
      const lines = buffer.split("\n")
      buffer = lines.pop() ?? ""
      for (const line of lines) if (line.length > 0) log(options.name, line)
    })
  }

  const launch = () => {
    const current = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: Object.fromEntries(
        Object.entries(options.env).filter(([, v]) => v !== undefined)
      ) as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"]
    })
    child = current
    pipeLines(current.stdout)
    pipeLines(current.stderr)
    current.once("exit", (code, signal) => {
      if (stopping) return
      log(options.name, `exited (${signal ?? `code ${code}`})`)
      if (!options.restart) return
      restarts++
      setTimeout(
        () => {
          if (stopping) return
          launch()
        },
        Math.min(200 * restarts, 2_000)
      )
    })
    readyPromise = options.readyUrl
      ? waitUntilReady(
          options.readyUrl,
          options.readyTimeoutMs ?? 60_000,
          () => current.exitCode === null && current.signalCode === null
        )
      : Promise.resolve()
    // A restarted incarnation's readiness is awaited by whoever asks; don't crash on an unobserved failure.
    readyPromise.catch(() => undefined)
  }

  launch()
  await readyPromise

  const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null
  return {
    name: options.name,
    pid: () => (alive() ? child?.pid : undefined),
    ready: () => readyPromise,
    kill: (signal) => {
      if (alive()) child?.kill(signal)
    },
    start: async () => {
      stopping = false
      if (!alive()) launch()
      await readyPromise
    },
    stop: async () => {
      stopping = true
      const current = child
      if (!current || current.exitCode !== null || current.signalCode !== null) return
      const exited = new Promise<void>((resolve) => current.once("exit", () => resolve()))
      current.kill("SIGTERM")
      const timer = setTimeout(() => current.kill("SIGKILL"), 8_000)
      await exited
      clearTimeout(timer)
    },
    restarts: () => restarts
  }
}
