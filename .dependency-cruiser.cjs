/**
 * Layer rules. The domain is pure (effect only); the web client may import nothing from the server
 * but the *type* of the tRPC router. Violations fail `pnpm test`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "domain-imports-only-effect",
      comment: "domain/ may import only effect and its own files (tests may also use their test libraries)",
      severity: "error",
      from: { path: "(^|/)domain/src/", pathNot: "\\.test\\.ts$|(^|/)domain/src/testing/" },
      to: {
        pathNot: ["(^|/)domain/src/", "node_modules/effect/", "node_modules/\\.pnpm/effect@"]
      }
    },
    {
      name: "domain-tests-no-io",
      comment: "domain tests and test helpers may add only fast-check and vitest",
      severity: "error",
      from: { path: "(^|/)domain/src/.*(\\.test\\.ts$|testing/)" },
      to: {
        pathNot: [
          "(^|/)domain/src/",
          "node_modules/(effect|fast-check|vitest|@vitest|@effect/vitest)/",
          "node_modules/\\.pnpm/(effect|fast-check|vitest|@vitest|@effect\\+vitest)@"
        ]
      }
    },
    {
      name: "web-imports-only-router-type",
      comment: "web/ may import from the server only `import type { AppRouter }`",
      severity: "error",
      from: { path: "(^|/)web/src/" },
      to: { path: "(^|/)(api|adapters|domain|renderer)/src/", dependencyTypesNot: ["type-only"] }
    },
    {
      name: "web-type-imports-only-the-router",
      severity: "error",
      from: { path: "(^|/)web/src/" },
      to: { path: "(^|/)(api|adapters|domain|renderer)/src/", pathNot: "(^|/)api/src/trpc/AppRouter\\.ts$" }
    },
    {
      name: "production-code-never-imports-domain-testing",
      comment:
        "domain/src/testing pulls fast-check and every in-memory port: only tests and test helpers may import it " +
        "(*.test.ts, anything under a testing/ folder, and test/ — whose fixtures/ tree mimics production paths). " +
        "api/src/app/testApp.ts is a test helper outside that convention until it moves under api/src/testing/.",
      severity: "error",
      from: {
        pathNot: ["\\.test\\.ts$", "(^|/)testing/", "^test/(?!fixtures/)", "(^|/)api/src/app/testApp\\.ts$"]
      },
      to: { path: "(^|/)domain/src/testing/" }
    },
    {
      name: "no-node-builtins-in-domain",
      severity: "error",
      from: { path: "(^|/)domain/src/" },
      to: { dependencyTypes: ["core"] }
    }
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"]
    },
    exclude: { path: "(^|/)(node_modules|\\.tools|\\.data)/" }
  }
}
