import { pino } from "pino"

/**
 * Structured JSON logs. Child loggers carry the request id, gateway event id or job id, so one
 * learner's story can be followed across the API and worker processes with a grep.
 */
export const logger = pino({
  base: { service: process.env.CERTIFY_SERVICE ?? "api", pid: process.pid },
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) }
})

export type Logger = typeof logger
