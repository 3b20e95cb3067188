import { MongoConnection } from "@certify/adapters"
import { Effect, type ManagedRuntime } from "effect"

const probe = async (check: () => Promise<unknown>) => {
  try {
    await check()
    return true
  } catch {
    return false
  }
}

/** `/readyz`: the database answers a ping and the renderer its health check, each within a second. */
export const readiness =
  (runtime: ManagedRuntime.ManagedRuntime<MongoConnection, never>, rendererUrl: string) => async () => ({
    database: await probe(() =>
      runtime.runPromise(
        MongoConnection.use(({ connection }) =>
          Effect.tryPromise(() => connection.db?.admin().ping() ?? Promise.reject(new Error("not connected")))
        ).pipe(Effect.timeout("1 second"))
      )
    ),
    renderer: await probe(async () => {
      const response = await fetch(`${rendererUrl}/healthz`, { signal: AbortSignal.timeout(1_000) })
      if (!response.ok) throw new Error(`renderer ${response.status}`)
    })
  })
