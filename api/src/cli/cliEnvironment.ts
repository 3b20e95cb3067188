import { readAppConfig } from "../config/AppConfig.ts"
import { readStackFile } from "../main/stack/stackFile.ts"

/**
 * The environment a CLI command runs in: the process environment over what the running embedded
 * stack published in its data directory, so `certify explain …` works next to `pnpm start` unchanged.
 */
export const cliEnvironment = (): NodeJS.ProcessEnv => {
  const dataDir = readAppConfig().dataDir
  const stack = readStackFile(dataDir)
  return { ...(stack?.env ?? {}), ...process.env }
}

/** A URL the running stack published (`api`, `sandbox`, …), if a stack runs from this data directory. */
export const publishedUrl = (name: string): string | undefined =>
  readStackFile(readAppConfig().dataDir)?.urls[name]
