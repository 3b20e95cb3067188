import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type EmbeddedStackOptions, startEmbeddedStack } from "../../../api/src/main/stack/EmbeddedStack.ts"

const RESULTS = new URL("../../../test-results/", import.meta.url).pathname

/**
 * The whole product as real processes on free ports with a fresh database, for end-to-end tests.
 * Children's logs go to test-results/logs/<name>.log, so a failure can be read afterwards; the data
 * directory is removed on stop.
 */
export const startTestStack = async (name: string, options: Partial<EmbeddedStackOptions> = {}) => {
  mkdirSync(join(RESULTS, "logs"), { recursive: true })
  const logFile = join(RESULTS, "logs", `${name}.log`)
  const dataDir = mkdtempSync(join(tmpdir(), `certify-${name}-`))
  const stack = await startEmbeddedStack({
    dataDir,
    ports: "free",
    workers: 2,
    log: (process, line) => appendFileSync(logFile, `[${process}] ${line}\n`),
    ...options
  })
  return {
    ...stack,
    // The database and keys are throwaway; KEEP_TEST_DATA=1 keeps them to inspect a failure.
    stop: async () => {
      await stack.stop()
      if (process.env.KEEP_TEST_DATA !== "1") rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

export const testResultsDir = RESULTS
