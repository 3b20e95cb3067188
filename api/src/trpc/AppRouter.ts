import { learnerRouter } from "./routers/learnerRouter.ts"
import { opsRouter } from "./routers/opsRouter.ts"
import { sessionRouter } from "./routers/sessionRouter.ts"
import { router } from "./trpc.ts"

export const appRouter = router({
  session: sessionRouter,
  learner: learnerRouter,
  ops: opsRouter
})

/** The only thing the web client imports from the server. */
export type AppRouter = typeof appRouter
