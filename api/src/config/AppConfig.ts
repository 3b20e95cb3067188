import { join } from "node:path"

/** Everything the composition root reads from the environment, with the embedded defaults. */
export interface AppConfig {
  readonly host: string
  readonly port: number
  /** Unset: start a local FerretDB under `dataDir`. */
  readonly mongodbUri: string | undefined
  readonly dataDir: string
  readonly publicBaseUrl: string
}

const port = (raw: string | undefined, fallback: number) => {
  const value = Number(raw ?? fallback)
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error(`PORT must be 0-65535, got ${raw}`)
  return value
}

export const readAppConfig = (env: NodeJS.ProcessEnv = process.env, root = process.cwd()): AppConfig => {
  const host = env.HOST ?? "127.0.0.1"
  const listenPort = port(env.PORT, 3000)
  return {
    host,
    port: listenPort,
    mongodbUri: env.MONGODB_URI || undefined,
    dataDir: env.CERTIFY_DATA_DIR ?? join(root, ".data"),
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://${host}:${listenPort}`
  }
}
