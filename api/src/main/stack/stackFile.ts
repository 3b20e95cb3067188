import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/** What a running embedded stack publishes for the CLI and tests: its URLs and the children's environment. */
export interface StackFile {
  readonly pid: number
  readonly urls: Readonly<Record<string, string>>
  readonly env: Readonly<Record<string, string>>
}

const path = (dataDir: string) => join(dataDir, "stack.json")

export const writeStackFile = (dataDir: string, file: StackFile) =>
  writeFileSync(path(dataDir), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 })

export const removeStackFile = (dataDir: string) => rmSync(path(dataDir), { force: true })

/** The file of a stack that is still running, if any. */
export const readStackFile = (dataDir: string): StackFile | undefined => {
  if (!existsSync(path(dataDir))) return undefined
  const file = JSON.parse(readFileSync(path(dataDir), "utf8")) as StackFile
  try {
    process.kill(file.pid, 0)
    return file
  } catch {
    return undefined
  }
}
