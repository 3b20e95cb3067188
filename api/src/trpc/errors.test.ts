import { CourseNotCompleted, OperatorReads } from "@certify/domain"
import { courseId, layerMemoryAll, layerMemoryOperations, learnerId } from "@certify/domain/testing"
import { fetchRequestHandler } from "@trpc/server/adapters/fetch"
import { Effect, Layer, ManagedRuntime } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { Authenticator } from "../auth/Authenticator.ts"
import * as DemoSessions from "../auth/DemoSessions.ts"
import { makeDownloadLinks } from "../downloads/DownloadLinks.ts"
import { logger } from "../observability/logger.ts"
import { makeRateLimits } from "../ratelimit/RateLimits.ts"
import type { AppRuntime } from "../runtime/AppRuntime.ts"
import type { TrpcContext } from "./context.ts"
import { run } from "./run.ts"
import { publicProcedure, router } from "./trpc.ts"

const SECRET = "connection string mongodb://admin:hunter2@db"

const notCompleted = new CourseNotCompleted({
  learnerId: learnerId("ada"),
  courseId: courseId("distributed-databases")
})

// Procedures that fail in each way a real one can; served over real HTTP through tRPC's fetch adapter.
const failing = router({
  dies: publicProcedure.query(({ ctx }) => run(ctx, Effect.die(new Error(SECRET)))),
  throws: publicProcedure.query((): string => {
    throw new TypeError(SECRET)
  }),
  refuses: publicProcedure.query(({ ctx }) => run(ctx, Effect.fail(notCompleted)))
})

const runtime: AppRuntime = ManagedRuntime.make(
  Layer.mergeAll(
    layerMemoryAll(),
    layerMemoryOperations(),
    // No procedure here reads it; any call fails loudly.
    Layer.mock(OperatorReads, {})
  )
)
const authenticator = Effect.runSync(
  Authenticator.use(Effect.succeed).pipe(Effect.provide(DemoSessions.layer({ secret: "test-secret" })))
)
afterAll(() => runtime.dispose())

const call = async (path: string) => {
  const response = await fetchRequestHandler({
    endpoint: "/trpc",
    req: new Request(`http://127.0.0.1/trpc/${path}`),
    router: failing,
    createContext: (): TrpcContext => ({
      session: undefined,
      runtime,
      requestId: "test-request",
      logger: logger.child({ test: "errors" }),
      authenticator,
      downloadLinks: makeDownloadLinks({ secret: "test-secret", publicBaseUrl: "http://127.0.0.1" }),
      rateLimits: makeRateLimits(),
      clientKey: "127.0.0.1",
      setCookie: () => {},
      setHeader: () => {}
    })
  })
  return { status: response.status, text: await response.text() }
}

describe("a procedure that fails", () => {
  it.each(["dies", "throws"])(
    "%s: answers 500 'internal error' with no message, stack or path of the cause",
    async (path) => {
      const { status, text } = await call(path)
      expect(status).toBe(500)
      const body = JSON.parse(text) as { error: { message: string; data: Record<string, unknown> } }
      expect(body.error.message).toBe("internal error")
      expect(body.error.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", domainError: null })
      expect(body.error.data).not.toHaveProperty("stack")
      expect(text).not.toContain("hunter2")
      expect(text).not.toMatch(/stack|\.ts:\d+|at [\w.]+ \(/)
    }
  )

  it("maps a domain failure to its code and keeps its tag", async () => {
    const { status, text } = await call("refuses")
    expect(status).toBe(412)
    expect(JSON.parse(text)).toMatchObject({
      error: { data: { code: "PRECONDITION_FAILED", domainError: "CourseNotCompleted" } }
    })
  })
})
