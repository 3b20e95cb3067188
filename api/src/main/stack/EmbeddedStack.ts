import { join } from "node:path"
import { loadSigningKey } from "@certify/adapters/credentials"
import { freePort, startLocalFerretDb } from "@certify/adapters/localdb"
import { type ManagedProcess, startManagedProcess } from "../process/ManagedProcess.ts"
import { buildWebIfStale } from "./buildWeb.ts"
import { loadDevSecrets } from "./devSecrets.ts"
import { seedDemoData } from "./seedDemoData.ts"
import { removeStackFile, writeStackFile } from "./stackFile.ts"

const ROOT = new URL("../../../../", import.meta.url).pathname

export interface StackPorts {
  readonly api: number
  readonly renderer: number
  readonly sandbox: number
  readonly smtp: number
  readonly mailWeb: number
}

export interface EmbeddedStackOptions {
  readonly dataDir: string
  /** Unset: a local FerretDB under `dataDir`, owned (and restartable) by the stack. */
  readonly mongodbUri?: string
  /** Unset: the documented defaults (3000, 4100, 4200, 1025, 1080). Tests pass `"free"`. */
  readonly ports?: StackPorts | "free"
  readonly workers?: number
  /** Restart a process that dies without being asked to (the chaos test kills them). */
  readonly restart?: boolean
  readonly seedDemo?: boolean
  readonly buildWeb?: boolean
  /** Extra environment for every child (e.g. faster job schedules in tests). */
  readonly env?: Readonly<Record<string, string>>
  readonly log?: (name: string, line: string) => void
}

export interface EmbeddedStack {
  readonly urls: {
    readonly api: string
    readonly renderer: string
    readonly sandbox: string
    readonly mailWeb: string
    readonly mongodb: string
  }
  readonly dataDir: string
  readonly secrets: ReturnType<typeof loadDevSecrets>
  readonly processes: ReadonlyArray<ManagedProcess>
  /** Stops and starts the local database on the same port and data (only when the stack owns it). */
  readonly restartDatabase: () => Promise<void>
  readonly stop: () => Promise<void>
}

const defaultPorts: StackPorts = { api: 3000, renderer: 4100, sandbox: 4200, smtp: 1025, mailWeb: 1080 }

const choosePorts = async (ports: EmbeddedStackOptions["ports"]): Promise<StackPorts> =>
  ports === "free"
    ? {
        api: await freePort(),
        renderer: await freePort(),
        sandbox: await freePort(),
        smtp: await freePort(),
        mailWeb: await freePort()
      }
    : (ports ?? defaultPorts)

/**
 * The whole product on one machine: database, mail catcher, sandbox gateways, renderer, workers and the
 * API, each a real process talking real protocols. `pnpm start` runs it; the browser and chaos tests too.
 */
export const startEmbeddedStack = async (options: EmbeddedStackOptions): Promise<EmbeddedStack> => {
  const ports = await choosePorts(options.ports)
  const host = "127.0.0.1"
  const url = (port: number) => `http://${host}:${port}`
  const urls = {
    api: url(ports.api),
    renderer: url(ports.renderer),
    sandbox: url(ports.sandbox),
    mailWeb: url(ports.mailWeb)
  }
  const processes: ManagedProcess[] = []
  const cleanups: Array<() => Promise<void>> = []
  const stop = async () => {
    for (const process of [...processes].reverse()) await process.stop()
    for (const cleanup of cleanups.reverse()) await cleanup()
  }

  try {
    let database = options.mongodbUri
      ? { uri: options.mongodbUri, port: 0, stop: async () => undefined }
      : await startLocalFerretDb({ dataDir: join(options.dataDir, "ferretdb"), database: "certify" })
    cleanups.push(() => database.stop())
    const restartDatabase = async () => {
      if (options.mongodbUri) throw new Error("the stack does not own the database (MONGODB_URI is set)")
      await database.stop()
      database = await startLocalFerretDb({
        dataDir: join(options.dataDir, "ferretdb"),
        database: "certify",
        port: database.port
      })
    }

    const secrets = loadDevSecrets(options.dataDir)
    // Generated once before the children start, so API and workers read the same key file.
    await loadSigningKey({ env: process.env, dataDir: options.dataDir })

    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV ?? "development",
      // Children log even under vitest (which silences the in-process logger); tests send it to a file.
      LOG_LEVEL: process.env.STACK_LOG_LEVEL ?? "info",
      CERTIFY_PARENT_PID: String(process.pid),
      MONGODB_URI: database.uri,
      CERTIFY_DATA_DIR: options.dataDir,
      PUBLIC_BASE_URL: urls.api,
      STRIPE_SECRET_KEY: secrets.stripeSecretKey,
      STRIPE_WEBHOOK_SECRETS: secrets.stripeWebhookSecret,
      STRIPE_API_URL: urls.sandbox,
      RAZORPAY_KEY_ID: secrets.razorpayKeyId,
      RAZORPAY_KEY_SECRET: secrets.razorpayKeySecret,
      RAZORPAY_WEBHOOK_SECRETS: secrets.razorpayWebhookSecret,
      RAZORPAY_API_URL: `${urls.sandbox}/razorpay`,
      RAZORPAY_CHECKOUT_SCRIPT_URL: `${urls.sandbox}/razorpay/checkout.js`,
      RENDERER_URL: urls.renderer,
      SMTP_HOST: host,
      SMTP_PORT: String(ports.smtp),
      SESSION_SECRET: secrets.sessionSecret,
      PLATFORM_API_KEY: secrets.platformApiKey,
      ...options.env
    }
    const node = process.execPath
    const start = async (name: string, args: ReadonlyArray<string>, readyUrl: string, extra = {}) => {
      const managed = await startManagedProcess({
        name,
        command: node,
        args,
        cwd: ROOT,
        env: { ...env, ...extra },
        readyUrl,
        restart: options.restart ?? true,
        ...(options.log ? { log: options.log } : {})
      })
      processes.push(managed)
      return managed
    }

    const webBuild = options.buildWeb === false ? Promise.resolve() : buildWebIfStale(ROOT, options.log)
    await Promise.all([
      start(
        "mail",
        [
          join(ROOT, "api/node_modules/maildev/dist/bin/maildev.js"),
          ...["--smtp", String(ports.smtp), "--web", String(ports.mailWeb)],
          ...["--ip", host, "--web-ip", host, "--silent"]
        ],
        `${urls.mailWeb}/api/healthz`
      ),
      start("sandbox", ["test/src/sandbox/main.ts"], `${urls.sandbox}/healthz`, {
        SANDBOX_PORT: String(ports.sandbox),
        STRIPE_WEBHOOK_URL: `${urls.api}/webhooks/stripe`,
        RAZORPAY_WEBHOOK_URL: `${urls.api}/webhooks/razorpay`
      }),
      start("renderer", ["renderer/src/main.ts"], `${urls.renderer}/healthz`, {
        RENDERER_PORT: String(ports.renderer)
      })
    ])
    const workers = options.workers ?? 2
    for (let index = 1; index <= workers; index++) {
      const workerPort = ports.api === defaultPorts.api ? 3100 + index : await freePort()
      await start(`worker-${index}`, ["api/src/main/worker.ts"], `${url(workerPort)}/healthz`, {
        WORKER_NAME: `worker-${index}`,
        WORKER_PORT: String(workerPort)
      })
    }
    await webBuild
    await start("api", ["api/src/main/server.ts"], `${urls.api}/healthz`, {
      HOST: host,
      PORT: String(ports.api)
    })
    if (options.seedDemo !== false) await seedDemoData(urls.api, secrets.platformApiKey)
    const published = Object.fromEntries(
      Object.entries(env).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && process.env[entry[0]] !== entry[1]
      )
    )
    writeStackFile(options.dataDir, {
      pid: process.pid,
      urls: { ...urls, mongodb: database.uri },
      env: published
    })
    cleanups.unshift(async () => removeStackFile(options.dataDir))

    return {
      urls: { ...urls, mongodb: database.uri },
      dataDir: options.dataDir,
      secrets,
      processes,
      restartDatabase,
      stop
    }
  } catch (error) {
    await stop()
    throw error
  }
}
