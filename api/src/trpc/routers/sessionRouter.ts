import { TRPCError } from "@trpc/server"
import { Effect, Schema } from "effect"
import { input } from "../input.ts"
import { publicProcedure, router } from "../trpc.ts"
import type { SessionView } from "../views.ts"

const LoginInput = Schema.Struct({
  username: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100)),
  password: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
})

export const sessionRouter = router({
  login: publicProcedure.input(input(LoginInput)).mutation(async ({ ctx, input }): Promise<SessionView> => {
    const signedIn = await Effect.runPromise(ctx.authenticator.signIn(input.username, input.password))
    if (signedIn === undefined)
      throw new TRPCError({ code: "UNAUTHORIZED", message: "unknown user or wrong password" })
    ctx.setCookie(signedIn.cookie)
    ctx.logger.info({ userId: signedIn.session.userId }, "signed in")
    return signedIn.session
  }),
  logout: publicProcedure.mutation(({ ctx }): { readonly signedOut: true } => {
    ctx.setCookie(ctx.authenticator.signOutCookie)
    return { signedOut: true }
  }),
  me: publicProcedure.query(({ ctx }): SessionView | null => ctx.session ?? null)
})
