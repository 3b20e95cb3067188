import { readAppConfig } from "../config/AppConfig.ts"
import { startEmbeddedStack } from "./stack/EmbeddedStack.ts"

/**
 * Quick start 1/2: the whole product on its embedded defaults — local FerretDB (or MONGODB_URI), the
 * mail catcher, sandbox gateways, renderer, two workers and the API serving the web client.
 */
const main = async () => {
  const config = readAppConfig()
  const stack = await startEmbeddedStack({
    dataDir: config.dataDir,
    ...(config.mongodbUri ? { mongodbUri: config.mongodbUri } : {}),
    workers: Number(process.env.WORKERS ?? 2)
  })
  const lines = [
    "",
    `  Certify is up:        ${stack.urls.api}`,
    "  Sign in as           ada / demo, ravi / demo (learners), ops / demo (operator)",
    `  Verification page    ${stack.urls.api}/verify/<certificate id>`,
    `  Received emails      ${stack.urls.mailWeb}`,
    `  Sandbox gateways     ${stack.urls.sandbox}`,
    `  Job dashboard        ${stack.urls.api}/ops/jobs (as ops)`,
    "  Stop with Ctrl-C.",
    ""
  ]
  console.log(lines.join("\n"))
  let stopping = false
  const shutdown = async () => {
    if (stopping) process.exit(1)
    stopping = true
    console.log("stopping…")
    await stack.stop()
    process.exit(0)
  }
  process.on("SIGINT", () => void shutdown())
  process.on("SIGTERM", () => void shutdown())
}

main().catch((error: unknown) => {
  console.error(`certify failed to start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
