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
  logger.info({ signal }, "shutting down")
  const force = setTimeout(() => process.exit(1), 10_000)
  force.unref()
  for (const hook of hooks) {
    try {
      await hook()
    } catch (error) {
      logger.error({ err: error }, "error while shutting down")
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
  if (parent > 0) setInterval(() => process.ppid !== parent && void shutdown("parent exited"), 1_000).unref()
  main().catch((error: unknown) => {
    logger.fatal({ process: name, err: error }, `${name} failed to start`)
    process.exit(1)
  })
}
