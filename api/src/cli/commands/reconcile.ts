import { randomUUID } from "node:crypto"
import { Gateway, ReconciliationRuns, startReconciliation } from "@certify/domain"
import { Effect, Schema } from "effect"
import type { CliRuntime } from "../cliRuntime.ts"
import { parseSince } from "../format/parseSince.ts"

export interface ReconcileOptions {
  readonly gateway: string | undefined
  readonly since: string | undefined
  readonly operatorId: string
  readonly reason: string
}

/**
 * `reconcile --gateway stripe|razorpay [--since 24h|ISO date] [--reason …]`: the same operator action as
 * the console's "Start a run" (recorded with who and why before it runs), then the run as recorded.
 */
export const reconcileCommand = async (cli: CliRuntime, options: ReconcileOptions) => {
  const gateway = Schema.decodeUnknownSync(Gateway)(options.gateway)
  const since = options.since ? parseSince(options.since, new Date()) : undefined
  return cli.runtime.runPromise(
    Effect.gen(function* () {
      const outcome = yield* startReconciliation({
        gateway,
        operatorId: options.operatorId,
        note: options.reason,
        requestId: `cli-${randomUUID()}`,
        ...(since === undefined ? {} : { since })
      })
      const runs = yield* ReconciliationRuns.use((r) => r.list(20))
      // The use case names its run in the outcome; scheduled runs of other workers may be newer.
      const run = runs.find((r) => r.gateway === gateway && outcome.detail.includes(r.runId))
      return [`${outcome.outcome}: ${outcome.detail}`, ...(run ? [JSON.stringify(run, null, 2)] : [])].join(
        "\n"
      )
    })
  )
}
