import { appendFileSync, mkdirSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type EmbeddedStackOptions, startEmbeddedStack } from "../../../api/src/main/stack/EmbeddedStack.ts"

const RESULTS = new URL("../../../test-results/", import.meta.url).pathname

/**
 * The whole product as real processes on free ports with a fresh database, for end-to-end tests.
 * Children's logs go to test-results/logs/<name>.log, so a failure can be read afterwards.
 */
export const startTestStack = async (name: string, options: Partial<EmbeddedStackOptions> = {}) => {
  mkdirSync(join(RESULTS, "logs"), { recursive: true })
  const logFile = join(RESULTS, "logs", `${name}.log`)
  const dataDir = mkdtempSync(join(tmpdir(), `certify-${name}-`))
  return startEmbeddedStack({
    dataDir,
    ports: "free",
    workers: 2,
    log: (process, line) => appendFileSync(logFile, `[${process}] ${line}\n`),
    ...options
  })
}

export const testResultsDir = RESULTS
