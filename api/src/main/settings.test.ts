import { describe, expect, it } from "vitest"
import { readProcessSettings, SettingsError } from "./settings.ts"

const env = { MONGODB_URI: "mongodb://127.0.0.1:1/certify", SESSION_SECRET: "s", PLATFORM_API_KEY: "k" }

describe("the settings a process reads", () => {
  it("profiles database commands only when asked, every so many milliseconds", () => {
    expect(readProcessSettings(env).commandProfileEveryMs).toBeUndefined()
    expect(readProcessSettings({ ...env, DB_COMMAND_PROFILE_EVERY_MS: "5000" }).commandProfileEveryMs).toBe(
      5000
    )
  })

  it.each(["0", "-5", "1.5", "soon"])(
    "refuses a profile interval of %s with the variable's name",
    (value) => {
      expect(() => readProcessSettings({ ...env, DB_COMMAND_PROFILE_EVERY_MS: value })).toThrow(SettingsError)
      expect(() => readProcessSettings({ ...env, DB_COMMAND_PROFILE_EVERY_MS: value })).toThrow(
        /DB_COMMAND_PROFILE_EVERY_MS must be a whole number/
      )
    }
  )
})
