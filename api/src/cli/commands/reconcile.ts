import { Gateway, reconcileGateway } from "@certify/domain"
import { Schema } from "effect"
import type { CliRuntime } from "../cliRuntime.ts"
import { parseSince } from "../format/parseSince.ts"

/** `reconcile --gateway stripe|razorpay [--since 24h|ISO date]`: one run, printed as recorded. */
export const reconcileCommand = async (
  cli: CliRuntime,
  options: { gateway: string | undefined; since: string | undefined }
) => {
  const gateway = Schema.decodeUnknownSync(Gateway)(options.gateway)
  const now = new Date()
  const window = options.since ? { from: parseSince(options.since, now), to: now } : undefined
  const run = await cli.runtime.runPromise(reconcileGateway(gateway, window))
  return JSON.stringify(run, null, 2)
}
