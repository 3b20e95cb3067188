import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["{domain,adapters,api,renderer,web,test}/src/**/*.test.ts"],
    globalSetup: ["test/src/setup/databaseGlobalSetup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000
  }
})
