import { existsSync, mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { OperatorActions } from "@certify/domain"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { withLedger } from "../browser/support/ledger.ts"
import { signedInClient } from "../stack/learnerClient.ts"
import { startTestStack } from "../stack/startTestStack.ts"
import { type CertifyResult, labelledLines, runCertify } from "./support/runCertify.ts"

type Stack = Awaited<ReturnType<typeof startTestStack>>

// A run writes the sample output under test-results (git-ignored); CLI_DOCS=1 refreshes docs/cli itself,
// so a test run never leaves the tree dirty with new ids and times.
const DOCS = new URL(
  process.env.CLI_DOCS === "1" ? "../../../docs/cli/" : "../../../test-results/cli/",
  import.meta.url
).pathname

const shellWord = (arg: string) => (/^[\w.:/@=-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)

const required = <A>(value: A | undefined, what: string): A => {
  if (value === undefined) throw new Error(`${what} is missing: an earlier test in this file failed`)
  return value
}

/**
 * The ops CLI as an operator runs it next to `pnpm start`: a separate process that finds the running
 * product through its data directory. Each command's output is kept as sample output (docs/cli/ with CLI_DOCS=1).
 */
describe("the certify CLI against the running product", () => {
  let stack: Stack
  let env: NodeJS.ProcessEnv
  const purchase: { paymentId?: string } = {}

  // Sample output reads as if next to `pnpm start`: the throwaway directory and ports become the defaults.
  const asDocumented = (text: string) =>
    text
      .replaceAll(stack.dataDir, ".data")
      .replaceAll(stack.urls.api, "http://127.0.0.1:3000")
      .replaceAll(stack.urls.sandbox, "http://127.0.0.1:4200")

  const certify = async (name: string, args: ReadonlyArray<string>): Promise<CertifyResult> => {
    const result = await runCertify(args, env)
    mkdirSync(DOCS, { recursive: true })
    writeFileSync(
      join(DOCS, `${name}.txt`),
      `$ pnpm certify ${args.map(shellWord).join(" ")}\n${asDocumented(result.stdout)}${asDocumented(result.stderr)}`
    )
    return result
  }

  beforeAll(async () => {
    stack = await startTestStack("cli", {
      buildWeb: false,
      // One refused call opens a gateway's breaker and a short cool-down closes it: the outage case stays quick.
      env: { GATEWAY_BREAKER_THRESHOLD: "1", GATEWAY_BREAKER_COOLDOWN_MS: "2000", GATEWAY_MAX_RETRIES: "0" }
    })
    // The test runner's own MONGODB_URI (its shared test database) must not shadow the stack's.
    env = { ...process.env, CERTIFY_DATA_DIR: stack.dataDir, MONGODB_URI: stack.urls.mongodb }
  }, 180_000)

  afterAll(async () => {
    await stack?.stop()
  })

  it("demo-purchase pays through the Razorpay sandbox and saves the certificate's PNG and PDF", async () => {
    const result = await certify("demo-purchase", ["demo-purchase", "--gateway", "razorpay"])
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const printed = labelledLines(result.stdout)
    expect(printed.get("certificate id")).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)
    for (const file of ["PNG", "PDF"]) expect(existsSync(required(printed.get(file), file))).toBe(true)
    const verification = await fetch(required(printed.get("verification URL"), "verification URL"))
    expect(verification.status).toBe(200)
    const paymentId = /explain (\S+)$/.exec(printed.get("explain") ?? "")?.[1]
    if (paymentId !== undefined) purchase.paymentId = paymentId
  }, 120_000)

  it("explain tells the payment's story: succeeded, then the certificate issued", async () => {
    const paymentId = required(purchase.paymentId, "the demo purchase's payment id")
    const result = await certify("explain", ["explain", paymentId])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`payment ${paymentId}`)
    expect(result.stdout).toMatch(/→ succeeded/)
    expect(result.stdout).toMatch(/→ issued/)
    expect(result.stdout).not.toContain("BROKEN")
  }, 60_000)

  it("verify-audit finds every hash chain intact", async () => {
    const result = await certify("verify-audit", ["verify-audit"])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ broken: [] })
  }, 60_000)

  it("jobs lists the queue, its dead letters and its stuck jobs", async () => {
    const result = await certify("jobs", ["jobs"])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^jobs: /)
    expect(result.stdout).toMatch(/dead-lettered \(\d+\):/)
    expect(result.stdout).toMatch(/stuck over 10 min \(\d+\):/)
  }, 60_000)

  it("reconcile runs once and is recorded as the operator's action, with the reason given", async () => {
    const reason = "learner says she paid; checking Stripe"
    const args = [
      "reconcile",
      "--gateway",
      "stripe",
      "--since",
      "1h",
      "--reason",
      reason,
      "--operator",
      "ops-cli"
    ]
    const result = await certify("reconcile", args)
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^done: reconciliation \S+: \d+ seen/)
    expect(result.stdout).toContain('"gateway": "stripe"')
    expect(result.stdout).toContain('"outcome": "completed"')

    const actions = await withLedger(
      stack.urls.mongodb,
      OperatorActions.use((a) => a.listForSubject("stripe", 20))
    )
    expect(actions.map((a) => ({ kind: a.kind, operatorId: a.operatorId, reason: a.reason }))).toEqual([
      { kind: "start_reconciliation", operatorId: "ops-cli", reason }
    ])
  }, 60_000)

  it("runs lists the reconciliation run just made", async () => {
    const result = await certify("runs", ["runs"])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/stripe\s+completed/)
  }, 60_000)

  it("sandbox outage takes a gateway down for learners, and `off` brings it back", async () => {
    const { client } = await signedInClient(stack.urls.api, "ravi")
    const stripeAvailable = async () =>
      (await client.learner.gateways.query()).find((g) => g.gateway === "stripe")?.available
    const down = await certify("sandbox-outage", ["sandbox", "outage", "stripe", "error"])
    expect(down.stderr).toBe("")
    expect(down.code).toBe(0)
    try {
      const start = client.learner.startPurchase.mutate({
        courseId: "typescript-foundations",
        gateway: "stripe",
        requestId: crypto.randomUUID()
      })
      await expect(start).rejects.toThrow(/unavailable/i)
      await expect.poll(stripeAvailable, { timeout: 10_000 }).toBe(false)
      const status = await certify("sandbox-status", ["sandbox", "status"])
      expect(status.code).toBe(0)
      expect(status.stdout).toMatch(/^stripe\s+[1-9]/m)
    } finally {
      const up = await runCertify(["sandbox", "outage", "stripe", "off"], env)
      expect(up.stdout).toContain("stripe API is back")
    }
    await expect.poll(stripeAvailable, { timeout: 10_000, interval: 300 }).toBe(true)
  }, 60_000)

  it("sandbox refuses to drive a sandbox that is not on this machine", async () => {
    const result = await runCertify(["sandbox", "status"], { ...env, SANDBOX_URL: "http://192.0.2.1:4200" })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/refusing .* loopback/)
  }, 30_000)

  it("the API's job dashboard answers its stats poll (the API enqueues, workers process)", async () => {
    const { cookie } = await signedInClient(stack.urls.api, "ops")
    const response = await fetch(`${stack.urls.api}/ops/jobs/api/stats`, { headers: { cookie: cookie() } })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      queuedJobs: expect.any(Number),
      runningJobs: expect.any(Number)
    })
  }, 30_000)
})
