#!/usr/bin/env node
import { parseArgs } from "node:util"
import { type CliRuntime, openCliRuntime } from "./cliRuntime.ts"
import { demoPurchaseCommand } from "./commands/demoPurchase.ts"
import { explainCommand } from "./commands/explain.ts"
import { jobsCommand } from "./commands/jobs.ts"
import { reconcileCommand } from "./commands/reconcile.ts"
import { runsCommand } from "./commands/runs.ts"
import { verifyAuditCommand } from "./commands/verifyAudit.ts"
import { operatorOf } from "./format/operatorOf.ts"

const USAGE = `certify — operator commands (run next to \`pnpm start\`, or with MONGODB_URI and the secrets set)

  certify demo-purchase --gateway stripe|razorpay [--learner ada] [--course <id>] [--decline-first]
  certify explain <payment id | certificate id | learner id>
  certify reconcile --gateway stripe|razorpay [--since 24h | <ISO date>] [--reason <why>] [--operator <id>]
                                    (recorded as an operator action; operator defaults to the OS user)
  certify runs                      (the latest reconciliation runs)
  certify verify-audit
  certify jobs
`

const withRuntime = async (work: (cli: CliRuntime) => Promise<{ ok: boolean; text: string }>) => {
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
      return withRuntime(async (cli) => ok(await explainCommand(cli, subject)))
    case "reconcile":
      return withRuntime(async (cli) =>
        ok(
          await reconcileCommand(cli, {
            gateway: values.gateway,
            since: values.since,
            operatorId: operatorOf(values.operator),
            reason: values.reason ?? "manual run from the certify CLI"
          })
        )
      )
    case "runs":
      return withRuntime(async (cli) => ok(await runsCommand(cli)))
    case "verify-audit":
      return withRuntime(verifyAuditCommand)
    case "jobs":
      return withRuntime(async (cli) => ok(await jobsCommand(cli)))
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
