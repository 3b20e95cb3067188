import { Effect, type Exit } from "effect"
import { Digest } from "effect/crypto"
import type { AppRuntime, AppServices } from "../runtime/AppRuntime.ts"

/** Runs a domain effect from an HTTP handler; the audit chain's digest is pure, so it is provided here. */
export const runExit = <A, E>(
  runtime: AppRuntime,
  effect: Effect.Effect<A, E, AppServices | Digest.Digest>
): Promise<Exit.Exit<A, E>> => runtime.runPromiseExit(Effect.provide(effect, Digest.layerWebCrypto))
