import { Effect } from "effect"
import { Digest } from "effect/crypto"
import type { AppServices } from "../runtime/AppRuntime.ts"
import type { TrpcContext } from "./context.ts"
import { fromExit } from "./errors.ts"

/** What handlers may require: every port, plus the audit chain's digest (provided here, it is pure). */
export type HandlerServices = AppServices | Digest.Digest

/** Runs a domain effect for a procedure: typed failures become DomainErrors, defects a bare 500. */
export const run = async <A, E>(
  ctx: Pick<TrpcContext, "runtime" | "logger">,
  effect: Effect.Effect<A, E, HandlerServices>
): Promise<A> =>
  fromExit(await ctx.runtime.runPromiseExit(Effect.provide(effect, Digest.layerWebCrypto)), ctx.logger)
