import { loadSigningKey } from "@certify/adapters/credentials"
import { closeAgenda, makeAgenda } from "@certify/adapters/jobs"
import { ManagedRuntime } from "effect"
import { makeAppLayer } from "../main/appLayer.ts"
import { readProcessSettings } from "../main/settings.ts"
import { cliEnvironment } from "./cliEnvironment.ts"

/** The same wiring as the API process, against the same database; no HTTP server, no job processing. */
export const openCliRuntime = async () => {
  const env = cliEnvironment()
  const settings = readProcessSettings(env)
  const agenda = await makeAgenda({ mongodbUri: settings.mongodbUri, name: `cli-${process.pid}` })
  const signingKey = await loadSigningKey({ env, dataDir: settings.app.dataDir })
  const runtime = ManagedRuntime.make(makeAppLayer(settings, agenda, signingKey))
  return {
    runtime,
    settings,
    close: async () => {
      await closeAgenda(agenda)
      await runtime.dispose()
    }
  }
}

export type CliRuntime = Awaited<ReturnType<typeof openCliRuntime>>
