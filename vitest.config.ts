import { defineConfig } from "vitest/config"

const ALL = "{domain,adapters,api,renderer,web,test}/src/**/*.test.ts"
/** Suites that start the whole product as real processes: they run after the rest, the chaos test alone. */
const WHOLE_PRODUCT = [
  "test/src/browser/**/*.test.ts",
  "test/src/attack/**/*.test.ts",
  "test/src/**/*.e2e.test.ts"
]
const CHAOS = ["test/src/chaos/**/*.test.ts"]

export default defineConfig({
  test: {
    globalSetup: ["test/src/setup/databaseGlobalSetup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "core",
          include: [ALL],
          exclude: [...WHOLE_PRODUCT, ...CHAOS],
          sequence: { groupOrder: 0 }
        }
      },
      { extends: true, test: { name: "whole-product", include: WHOLE_PRODUCT, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: "chaos", include: CHAOS, sequence: { groupOrder: 2 } } }
    ]
  }
})
