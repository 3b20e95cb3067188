import { type GatewayConfig, readGatewayConfig } from "@certify/adapters/gateways"
import { type MailConfig, readMailConfig } from "@certify/adapters/mail"
import { type AppConfig, readAppConfig } from "../config/AppConfig.ts"

/** What an API or worker process reads from its environment. The start command fills it for the embedded default. */
export interface ProcessSettings {
  readonly app: AppConfig
  readonly mongodbUri: string
  readonly gateways: GatewayConfig
  readonly mail: MailConfig
  readonly rendererUrl: string
  readonly issuer: string
  readonly sessionSecret: string
  readonly platformApiKey: string
  /** DB_COMMAND_PROFILE_EVERY_MS: log where the database's time goes, by command shape, this often. */
  readonly commandProfileEveryMs: number | undefined
}

export class SettingsError extends Error {
  override readonly name = "SettingsError"
}

const required = (env: NodeJS.ProcessEnv, name: string, hint: string) => {
  const value = env[name]?.trim()
  if (!value) throw new SettingsError(`${name} is required: ${hint}`)
  return value
}

export const readProcessSettings = (env: NodeJS.ProcessEnv = process.env): ProcessSettings => {
  const app = readAppConfig(env)
  const secretHint = "set it, or use `pnpm start`, which generates dev secrets"
  return {
    app,
    mongodbUri: required(env, "MONGODB_URI", "a MongoDB 6.0+ (or FerretDB) connection string"),
    gateways: readGatewayConfig(env),
    mail: readMailConfig(env),
    rendererUrl: env.RENDERER_URL ?? "http://127.0.0.1:4100",
    issuer: env.CERTIFICATE_ISSUER ?? "Certify Academy",
    sessionSecret: required(env, "SESSION_SECRET", secretHint),
    platformApiKey: required(env, "PLATFORM_API_KEY", secretHint),
    commandProfileEveryMs: positiveMillis(env, "DB_COMMAND_PROFILE_EVERY_MS")
  }
}

const positiveMillis = (env: NodeJS.ProcessEnv, name: string) => {
  const value = env[name]?.trim()
  if (!value) return undefined
  const millis = Number(value)
  if (!Number.isInteger(millis) || millis <= 0)
    throw new SettingsError(`${name} must be a whole number of milliseconds above 0, got "${value}"`)
  return millis
}
