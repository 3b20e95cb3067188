#!/usr/bin/env node
import { parseArgs } from "node:util"
import type { CliRuntime } from "./cliRuntime.ts"
import { demoPurchaseCommand } from "./commands/demoPurchase.ts"
import { SANDBOX_USAGE, sandboxCommand } from "./commands/sandbox.ts"
import { operatorOf } from "./format/operatorOf.ts"

const USAGE = `certify — operator commands (run next to \`pnpm start\`, or with MONGODB_URI and the secrets set)

  certify demo-purchase --gateway stripe|razorpay [--learner ada] [--course <id>] [--decline-first]
  certify explain <payment id | certificate id | learner id>
  certify reconcile --gateway stripe|razorpay [--since 24h | <ISO date>] [--reason <why>] [--operator <id>]
                                    (recorded as an operator action; operator defaults to the OS user)
  certify runs                      (the latest reconciliation runs)
  certify verify-audit
  certify jobs
${SANDBOX_USAGE}
`

/**
 * Commands that read the ledger load the whole app wiring on demand, so the HTTP-only commands
 * (`demo-purchase`, `sandbox …`) start quickly and need no database connection.
 */
const withRuntime = async (work: (cli: CliRuntime) => Promise<{ ok: boolean; text: string }>) => {
  const { openCliRuntime } = await import("./cliRuntime.ts")
  const cli = await openCliRuntime()
  try {
    return await work(cli)
  } finally {
    await cli.close()
  }
}

const ok = (text: string) => ({ ok: true, text })

const run = async (argv: ReadonlyArray<string>) => {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      gateway: { type: "string" },
      learner: { type: "string" },
      course: { type: "string" },
      since: { type: "string" },
      reason: { type: "string" },
      operator: { type: "string" },
      "decline-first": { type: "boolean" },
      delay: { type: "string" },
      duplicate: { type: "string" },
      "duplicate-rate": { type: "string" },
      drop: { type: "string" },
      reorder: { type: "string" },
      count: { type: "string" },
      mode: { type: "string" },
      order: { type: "string" },
      gap: { type: "string" },
      help: { type: "boolean", short: "h" }
    }
  })
  const [command, subject] = positionals
  switch (command) {
    case "demo-purchase":
      return demoPurchaseCommand({
        gateway: values.gateway,
        learner: values.learner ?? "ada",
        course: values.course,
        declineFirst: values["decline-first"] ?? false
      })
    case "explain":
      if (!subject) return { ok: false, text: `explain needs an id\n\n${USAGE}` }
      return withRuntime(async (cli) => {
        const { explainCommand } = await import("./commands/explain.ts")
        return ok(await explainCommand(cli, subject))
      })
    case "reconcile":
      return withRuntime(async (cli) => {
        const { reconcileCommand } = await import("./commands/reconcile.ts")
        return ok(
          await reconcileCommand(cli, {
            gateway: values.gateway,
            since: values.since,
            operatorId: operatorOf(values.operator),
            reason: values.reason ?? "manual run from the certify CLI"
          })
        )
      })
    case "runs":
      return withRuntime(async (cli) => ok(await (await import("./commands/runs.ts")).runsCommand(cli)))
    case "verify-audit":
      return withRuntime(async (cli) => (await import("./commands/verifyAudit.ts")).verifyAuditCommand(cli))
    case "jobs":
      return withRuntime(async (cli) => ok(await (await import("./commands/jobs.ts")).jobsCommand(cli)))
    case "sandbox":
      return sandboxCommand(positionals.slice(1), values)
    default:
      return { ok: command === undefined || values.help === true, text: USAGE }
  }
}

run(process.argv.slice(2)).then(
  ({ ok, text }) => {
    console.log(text)
    process.exit(ok ? 0 : 1)
  },
  (error: unknown) => {
    console.error(`certify: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
)
