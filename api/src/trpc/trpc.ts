import { initTRPC, TRPCError } from "@trpc/server"
import type { TrpcContext } from "./context.ts"
import { DomainError } from "./errors.ts"

const t = initTRPC.context<TrpcContext>().create({
  // A defect's message and stack stay in the server log; the client gets the code and a safe message.
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    message: error.code === "INTERNAL_SERVER_ERROR" ? "internal error" : shape.message,
    data: {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      path: shape.data.path,
      domainError: error instanceof DomainError ? error.domainError : null
    }
  })
})

export const router = t.router
export const createCallerFactory = t.createCallerFactory
export const publicProcedure = t.procedure

export const learnerProcedure = t.procedure.use(({ ctx, next }) => {
  if (ctx.session === undefined) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" })
  return next({ ctx: { ...ctx, session: ctx.session } })
})

export const adminProcedure = learnerProcedure.use(({ ctx, next }) => {
  if (ctx.session.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "operators only" })
  return next({ ctx })
})
