import { verifyAuditLog } from "@certify/domain"
import type { CliRuntime } from "../cliRuntime.ts"

/** `verify-audit`: checks every subject's hash chain; non-zero exit when any is broken. */
export const verifyAuditCommand = async (cli: CliRuntime) => {
  const report = await cli.runtime.runPromise(verifyAuditLog())
  return { ok: report.broken.length === 0, text: JSON.stringify(report, null, 2) }
}
