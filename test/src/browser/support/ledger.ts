import { MongoLedger } from "@certify/adapters"
import { Effect, type Layer } from "effect"

type LedgerServices = Layer.Success<ReturnType<typeof MongoLedger.layer>>

/** Runs one effect against the stack's own database through the mongo ledger layer, then disconnects. */
export const withLedger = <A, E>(mongodbUri: string, effect: Effect.Effect<A, E, LedgerServices>) =>
  Effect.runPromise(Effect.provide(effect, MongoLedger.layer({ uri: mongodbUri })))
