import { spawnSync } from "node:child_process"
import { describe, expect, it } from "vitest"

const cruise = (...targets: Array<string>) =>
  spawnSync(
    "node_modules/.bin/depcruise",
    ["--config", ".dependency-cruiser.cjs", "--output-type", "err", ...targets],
    {
      encoding: "utf8"
    }
  )

describe("layer rules fail the build", () => {
  it("the real tree has no violations", () => {
    const result = cruise("domain/src", "adapters/src", "api/src", "renderer/src", "web/src", "test/src")
    expect(result.stdout + result.stderr).toContain("no dependency violations found")
    expect(result.status).toBe(0)
  })

  it("a domain file importing node: modules or mongoose, and web importing a server value, are refused", () => {
    const result = cruise("test/fixtures/layer-violations")
    const report = result.stdout + result.stderr
    expect(result.status).not.toBe(0)
    expect(report).toMatch(/domain-imports-only-effect.*LeakyRepository\.ts → .*mongoose/s)
    expect(report).toMatch(/no-node-builtins-in-domain.*LeakyRepository\.ts → (node:)?fs/s)
    expect(report).toMatch(/web-imports-only-router-type.*LeakyClient\.ts → .*AppRouter\.ts/s)
    expect(report).not.toContain("GoodClient.ts →")
  })

  it("production code importing the domain's test-only module is refused; a test importing it is not", () => {
    const result = cruise("test/fixtures/layer-violations")
    const report = result.stdout + result.stderr
    expect(result.status).not.toBe(0)
    expect(report).toMatch(
      /production-code-never-imports-domain-testing: \S*api\/src\/worker\/LeakyWorker\.ts → \S*domain\/src\/testing\/drainJobs\.ts/
    )
    expect(report).not.toContain("LeakyWorker.test.ts →")
  })
})
