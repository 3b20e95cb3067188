import { spawn } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name)
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }, 0)

/** Builds web/dist with Vite when it is missing or older than web/src, so the API serves the current client. */
export const buildWebIfStale = async (root: string, log?: (name: string, line: string) => void) => {
  const web = join(root, "web")
  const index = join(web, "dist", "index.html")
  const sources = Math.max(
    newest(join(web, "src")),
    statSync(join(web, "index.html")).mtimeMs,
    statSync(join(web, "vite.config.ts")).mtimeMs
  )
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return
  log?.("web", "building the web client")
  const vite = join(web, "node_modules", "vite", "bin", "vite.js")
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, "build", "--logLevel", "warn"], {
      cwd: web,
      stdio: "inherit"
    })
    child.once("error", reject)
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`web build failed (exit ${code})`))
    )
  })
}
