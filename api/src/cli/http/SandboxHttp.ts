import { cliEnvironment, publishedUrl } from "../cliEnvironment.ts"

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["localhost", "[::1]", "::1"])

/** The fault knobs break a gateway on purpose: only a sandbox on this machine may be driven. */
export const isLoopbackUrl = (url: URL) =>
  LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname)

/**
 * Where the sandbox gateways listen: SANDBOX_URL, else the running stack's published URL, else the
 * embedded default port. Anything that is not loopback is refused.
 */
export const sandboxUrl = (): URL => {
  const env = cliEnvironment()
  const raw = env.SANDBOX_URL ?? publishedUrl("sandbox") ?? `http://127.0.0.1:${env.SANDBOX_PORT ?? 4200}`
  const url = new URL(raw)
  if (!isLoopbackUrl(url))
    throw new Error(`refusing to drive the sandbox at ${url.origin}: its fault knobs only run on loopback`)
  return url
}

/** The sandbox's control API (`/__sandbox/*`) over plain HTTP, answering its JSON or throwing its error. */
export class SandboxHttp {
  readonly baseUrl: URL
  constructor(baseUrl: URL) {
    this.baseUrl = baseUrl
  }

  get<A>(control: string): Promise<A> {
    return this.#call<A>(control, { method: "GET" })
  }

  post<A>(control: string, body: Readonly<Record<string, unknown>>): Promise<A> {
    return this.#call<A>(control, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body)
    })
  }

  async #call<A>(control: string, init: RequestInit): Promise<A> {
    const url = new URL(`/__sandbox/${control}`, this.baseUrl)
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) }).catch(
      (error: unknown) => {
        throw new Error(`sandbox at ${this.baseUrl.origin} is not reachable (is \`pnpm start\` running?)`, {
          cause: error
        })
      }
    )
    const text = await response.text()
    if (!response.ok) throw new Error(`sandbox ${control}: ${response.status} ${text}`)
    return JSON.parse(text) as A
  }
}
