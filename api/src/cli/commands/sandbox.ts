import { SandboxHttp, sandboxUrl } from "../http/SandboxHttp.ts"
import { gatewayArgument, numberArgument, oneOfArgument, outageMode } from "../sandbox/knobArguments.ts"
import { type SandboxDelivery, type SandboxStats, sandboxStatus } from "../sandbox/sandboxStatus.ts"
import { type FaultOptions, NO_FAULTS, webhookFaults } from "../sandbox/webhookFaults.ts"

export interface SandboxOptions extends FaultOptions {
  readonly count?: string | undefined
  readonly mode?: string | undefined
  readonly order?: string | undefined
  readonly gap?: string | undefined
}

export const SANDBOX_USAGE = `  certify sandbox status            (API calls and webhooks per sandbox gateway)
  certify sandbox outage <gateway> error|timeout|refuse|off
  certify sandbox faults <gateway> [--delay <ms>] [--duplicate <copies>] [--duplicate-rate <0..1>]
                                   [--drop <0..1>] [--reorder <ms>]      (webhook faults; \`off\` clears them)
  certify sandbox hold <gateway>    (keep its webhooks until release)
  certify sandbox release <gateway> [--order emitted|reverse] [--gap <ms>]
  certify sandbox lose-responses <gateway> [--count 1] [--mode error|drop]
                                    (the sandbox from SANDBOX_URL or the running stack; loopback only)`

/**
 * `sandbox …`: the sandbox gateways' fault knobs through their control API (`/__sandbox/*`), so a
 * developer can break a gateway by hand next to `pnpm start` and watch the product cope.
 */
export const sandboxCommand = async (
  args: ReadonlyArray<string | undefined>,
  options: SandboxOptions
): Promise<{ ok: boolean; text: string }> => {
  const [action, gatewayName, setting] = args
  if (action === undefined) return { ok: false, text: SANDBOX_USAGE }
  const url = sandboxUrl()
  const sandbox = new SandboxHttp(url)
  const done = (text: string) => ({ ok: true, text: `sandbox ${url.origin}: ${text}` })
  switch (action) {
    case "status": {
      const [stats, deliveries] = await Promise.all([
        sandbox.get<SandboxStats>("stats"),
        sandbox.get<ReadonlyArray<SandboxDelivery>>("deliveries")
      ])
      return { ok: true, text: sandboxStatus(url.origin, stats, deliveries) }
    }
    case "outage": {
      const gateway = gatewayArgument(gatewayName)
      const mode = outageMode(setting)
      await sandbox.post("outage", { gateway, mode })
      return done(mode === "off" ? `${gateway} API is back` : `${gateway} API is down (${setting})`)
    }
    case "faults": {
      const gateway = gatewayArgument(gatewayName)
      if (setting !== undefined && setting !== "off")
        throw new Error(`faults takes options or \`off\`, got "${setting}"`)
      const faults = setting === "off" ? NO_FAULTS : webhookFaults(options)
      await sandbox.post("faults", { gateway, ...faults })
      return done(`${gateway} webhook faults ${JSON.stringify(faults)}`)
    }
    case "hold": {
      const gateway = gatewayArgument(gatewayName)
      await sandbox.post("hold", { gateway })
      return done(`${gateway} webhooks held until \`certify sandbox release ${gateway}\``)
    }
    case "release": {
      const gateway = gatewayArgument(gatewayName)
      const order = oneOfArgument("order", options.order, ["emitted", "reverse"]) ?? "emitted"
      const gapMs = numberArgument("gap", options.gap, { min: 0, max: 60_000, integer: true }) ?? 0
      const { released } = await sandbox.post<{ released: number }>("release", { gateway, order, gapMs })
      return done(`${gateway} released ${released} held webhook(s), ${order} order, ${gapMs} ms apart`)
    }
    case "lose-responses": {
      const gateway = gatewayArgument(gatewayName)
      const count = numberArgument("count", options.count, { min: 0, max: 1_000, integer: true }) ?? 1
      const mode = oneOfArgument("mode", options.mode, ["error", "drop"]) ?? "error"
      await sandbox.post("lose-responses", { gateway, count, mode })
      return done(`${gateway} commits the next ${count} API write(s), then loses the answer (${mode})`)
    }
    default:
      return { ok: false, text: `unknown sandbox command "${action}"\n\n${SANDBOX_USAGE}` }
  }
}
