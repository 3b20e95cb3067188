import { spawn } from "node:child_process"

const ROOT = new URL("../../../../", import.meta.url).pathname

export interface CertifyResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs the ops CLI as an operator would (`node api/src/cli/main.ts …`) in its own process, with the
 * environment given: the CLI finds the running stack through CERTIFY_DATA_DIR's stack file.
 */
export const runCertify = (args: ReadonlyArray<string>, env: NodeJS.ProcessEnv, timeoutMs = 120_000) =>
  new Promise<CertifyResult>((resolve, reject) => {
    const child = spawn(process.execPath, ["api/src/cli/main.ts", ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
    })
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`certify ${args.join(" ")} ran over ${timeoutMs} ms\n${stdout}\n${stderr}`))
    }, timeoutMs)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })

/** `label  value` lines the CLI prints (e.g. `certificate id     XXXX-…`), by label. */
export const labelledLines = (text: string): ReadonlyMap<string, string> =>
  new Map(
    text
      .split("\n")
      .map((line) => /^([a-zA-Z][a-zA-Z ]*?)\s{2,}(\S.*)$/.exec(line))
      .flatMap((match) => (match?.[1] && match[2] ? [[match[1], match[2]] as const] : []))
  )
