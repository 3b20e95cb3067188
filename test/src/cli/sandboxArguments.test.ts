import { describe, expect, it } from "vitest"
import { isLoopbackUrl } from "../../../api/src/cli/http/SandboxHttp.ts"
import { outageMode } from "../../../api/src/cli/sandbox/knobArguments.ts"
import { webhookFaults } from "../../../api/src/cli/sandbox/webhookFaults.ts"

describe("`certify sandbox` arguments", () => {
  it("drives only a sandbox on this machine", () => {
    for (const url of [
      "http://127.0.0.1:4200",
      "http://localhost:4200",
      "http://[::1]:4200",
      "http://127.8.0.1"
    ])
      expect(isLoopbackUrl(new URL(url))).toBe(true)
    for (const url of ["http://192.0.2.1:4200", "https://api.stripe.com", "http://127.0.0.1.example.com"])
      expect(isLoopbackUrl(new URL(url))).toBe(false)
  })

  it("turns the operator's words into the sandbox's knobs, sending only the ones given", () => {
    expect(webhookFaults({ duplicate: "2", delay: "100" })).toEqual({
      duplicateCopies: 2,
      duplicateRate: 1,
      delayMs: 100
    })
    expect(webhookFaults({ duplicate: "4", "duplicate-rate": "0.5", drop: "0.1", reorder: "800" })).toEqual({
      duplicateCopies: 4,
      duplicateRate: 0.5,
      dropRate: 0.1,
      reorderWindowMs: 800
    })
    expect(outageMode("timeout")).toBe("hang")
  })

  it("refuses values the sandbox would silently ignore", () => {
    expect(() => webhookFaults({})).toThrow(/at least one/)
    expect(() => webhookFaults({ drop: "2" })).toThrow(/--drop must be a number from 0 to 1/)
    expect(() => webhookFaults({ duplicate: "1.5" })).toThrow(/whole number/)
    expect(() => webhookFaults({ delay: "soon" })).toThrow(/--delay/)
    expect(() => outageMode("down")).toThrow(/error, timeout, refuse or off/)
  })
})
