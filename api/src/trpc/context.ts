import type { Authenticator, Session } from "../auth/Authenticator.ts"
import type { DownloadLinks } from "../downloads/DownloadLinks.ts"
import type { Logger } from "../observability/logger.ts"
import type { RateLimits } from "../ratelimit/RateLimits.ts"
import type { AppRuntime } from "../runtime/AppRuntime.ts"

/** What every procedure sees: who calls, the runtime to run use cases on, and per-request tools. */
export interface TrpcContext {
  readonly session: Session | undefined
  readonly runtime: AppRuntime
  readonly requestId: string
  readonly logger: Logger
  readonly authenticator: Authenticator["Service"]
  readonly downloadLinks: DownloadLinks
  readonly rateLimits: RateLimits
  /** Where the caller came from, for per-client rate limits. */
  readonly clientKey: string
  readonly setCookie: (cookie: string) => void
  readonly setHeader: (name: string, value: string) => void
}
