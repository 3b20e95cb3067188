import { logger } from "../observability/logger.ts"

const hooks: Array<() => Promise<void>> = []

/** Registers cleanup for SIGTERM/SIGINT; hooks run newest first, and a second signal exits at once. */
export const onShutdown = (hook: () => Promise<void>) => {
  hooks.unshift(hook)
}

let stopping = false
const shutdown = async (signal: string) => {
  if (stopping) process.exit(1)
  stopping = true
  // First, so that nothing below (a log line to a closed pipe, a hook waiting on a dead database) can keep us alive.
  const force = setTimeout(() => process.exit(1), 10_000)
  force.unref()
  const quietly = (write: () => void) => {
    try {
      write()
    } catch {
      // stdout may be a pipe whose reader is gone (the stack that started us was killed)
    }
  }
  quietly(() => logger.info({ signal }, "shutting down"))
  for (const hook of hooks) {
    try {
      await hook()
    } catch (error) {
      quietly(() => logger.error({ err: error }, "error while shutting down"))
    }
  }
  process.exit(0)
}

/** Runs a process's main; a startup failure is logged with its reason and exits non-zero. */
export const runMain = (name: string, main: () => Promise<void>) => {
  process.once("SIGINT", () => void shutdown("SIGINT"))
  process.once("SIGTERM", () => void shutdown("SIGTERM"))
  // Started by the embedded stack: leave with it, even when it was killed without a chance to stop us.
  const parent = Number(process.env.CERTIFY_PARENT_PID ?? 0)
  // Nobody is left to log to or to stop for, and a log write to the orphaned pipe could block: leave at once.
  if (parent > 0)
    setInterval(() => process.ppid !== parent && process.kill(process.pid, "SIGKILL"), 1_000).unref()
  main().catch((error: unknown) => {
    logger.fatal({ process: name, err: error }, `${name} failed to start`)
    process.exit(1)
  })
}
